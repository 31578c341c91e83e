# The I/O-free sync core: QtCore + nlohmann_json only (no QtNetwork).
target_sources(convexclient_core PRIVATE
  src/core/authtoken.h
  src/core/scheduler.h
  src/core/syncengine.h
  src/core/udfpath.h
)
