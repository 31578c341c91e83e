# qonvex_singleinstance: one running Qonvex per user (QLocalServer); a second launch forwards
# its arguments (the qonvex://callback URL) to the running app. QtCore + QtNetwork only: no
# widgets, no WebEngine, so the sign-in-free start-up path stays light.
# Included from app/core.cmake (qonvex_app links it) and app/CMakeLists.txt; the guard makes
# a second include a no-op. Paths are relative to this file.
include_guard(GLOBAL)
add_library(qonvex_singleinstance STATIC
  ${CMAKE_CURRENT_LIST_DIR}/singleinstance.cpp
  ${CMAKE_CURRENT_LIST_DIR}/singleinstance.h)
target_include_directories(qonvex_singleinstance PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(qonvex_singleinstance PUBLIC Qt6::Core Qt6::Network)
