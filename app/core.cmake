# qonvex_app: the app's logic without widgets (configuration, Clerk Frontend API in native
# mode, hosted sign-in with PKCE, token storage, session state, Convex token provider).
# Included from app/CMakeLists.txt; paths are relative to app/.
add_library(qonvex_app STATIC
  config/clerkconfig.cpp config/clerkconfig.h
  secrets/secrettoken.cpp secrets/secrettoken.h
  secrets/tokenstore.h
  secrets/memorytokenstore.cpp secrets/memorytokenstore.h
  secrets/keychaintokenstore.cpp secrets/keychaintokenstore.h secrets/logging_p.h
  clerk/fapierror.cpp clerk/fapierror.h
  clerk/fapiclient.cpp clerk/fapiclient.h
  clerk/clerkmodels.cpp clerk/clerkmodels.h
  clerk/pkce.cpp clerk/pkce.h
  clerk/hostedsignin.cpp clerk/hostedsignin.h clerk/logging_p.h
  session/scheduler.cpp session/scheduler.h
  session/convextokenprovider.cpp session/convextokenprovider.h
  session/sessioncontroller.cpp session/sessioncontroller.h session/logging_p.h
)
target_include_directories(qonvex_app PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(qonvex_app
  PUBLIC convexclient Qt6::Core Qt6::Network
  PRIVATE Qt6Keychain::Qt6Keychain)
# Single instance per user (owned by the sign-in view work): its own small target, linked here.
include(${CMAKE_CURRENT_SOURCE_DIR}/singleinstance/files.cmake)
target_link_libraries(qonvex_app PUBLIC qonvex_singleinstance)
