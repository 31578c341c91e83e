# Convex values: convex::Value and its encoded-JSON codec (QtCore + nlohmann_json only).
target_sources(convexclient_core PRIVATE
  src/values/base64.cpp
  src/values/base64.h
  src/values/jsonfastreader.cpp
  src/values/jsonfastreader.h
  src/values/jsonfastscan.h
  src/values/jsonreader.cpp
  src/values/jsonreader.h
  src/values/jsonwriter.cpp
  src/values/jsonwriter.h
  src/values/specialvalues.cpp
  src/values/specialvalues.h
  src/values/value.cpp
  src/values/value_p.h
  src/values/valueconversions.cpp
)
