# HTTP API client (one-shot calls), part of convexclient (needs QtNetwork).
target_sources(convexclient PRIVATE
  include/convexclient/httpclient.h
  src/http/httpwire.h
  src/http/httpwire.cpp
  src/http/httpclient.cpp
)
