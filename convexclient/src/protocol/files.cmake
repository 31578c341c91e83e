# The sync protocol's wire messages and their JSON codec (QtCore + nlohmann_json only).
target_sources(convexclient_core PRIVATE
  src/protocol/jsonobjectwriter.h
  src/protocol/messages.cpp
  src/protocol/messages.h
  src/protocol/messagesdecode.cpp
)
