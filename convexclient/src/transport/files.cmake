# WebSocket transport: sockets, timers, reconnect backoff. Part of `convexclient` (needs
# QtNetwork + QtWebSockets), never of convexclient_core.
target_sources(convexclient PRIVATE
  src/transport/logging.h
  src/transport/logging.cpp
  src/transport/deploymenturl.h
  src/transport/deploymenturl.cpp
  src/transport/reconnectbackoff.h
  src/transport/reconnectbackoff.cpp
  src/transport/websockettransport.h
  src/transport/websockettransport.cpp
)
