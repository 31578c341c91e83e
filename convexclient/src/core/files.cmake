# The I/O-free sync core: QtCore + nlohmann_json only (no QtNetwork).
target_sources(convexclient_core PRIVATE
  src/core/authmanager.cpp
  src/core/authmanager.h
  src/core/authtoken.cpp
  src/core/authtoken.h
  src/core/localsyncstate.cpp
  src/core/localsyncstate.h
  src/core/logging.cpp
  src/core/logging.h
  src/core/remotequeryset.cpp
  src/core/remotequeryset.h
  src/core/requestmanager.cpp
  src/core/requestmanager.h
  src/core/scheduler.cpp
  src/core/scheduler.h
  src/core/syncengine.cpp
  src/core/syncengine.h
  src/core/syncengine_messages.cpp
  src/core/syncengine_p.h
  src/core/udfpath.cpp
  src/core/udfpath.h
)
