# The public Client facade (QObject API over the sync engine and the WebSocket transport).
# version.cpp is listed in sources.cmake.
target_sources(convexclient PRIVATE
  include/convexclient/convexclient.h
  include/convexclient/client.h
  include/convexclient/connectionstate.h
  include/convexclient/querysubscription.h
  src/client/logging.h
  src/client/logging.cpp
  src/client/client_p.h
  src/client/client.cpp
  src/client/querysubscription.cpp
)
