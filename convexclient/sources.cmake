# Source lists of the two convexclient targets, one file list per layer so that each layer
# can grow on its own. Nothing that needs QtNetwork or QtWebSockets may join convexclient_core
# (tests/convexclient checks the core's link line).
target_sources(convexclient_core PRIVATE
  include/convexclient/result.h
  include/convexclient/value.h
  include/convexclient/functionresult.h
  src/core/functionresult.cpp
)
target_sources(convexclient PRIVATE
  include/convexclient/version.h
  src/client/version.cpp
)
# Each layer's list: src/<layer>/files.cmake adds to convexclient_core or convexclient.
foreach(layer values protocol core transport client http)
  include(${CMAKE_CURRENT_SOURCE_DIR}/src/${layer}/files.cmake OPTIONAL)
endforeach()
