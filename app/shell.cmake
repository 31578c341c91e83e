# The desktop app shell, part 1 (no widgets): settings, command line, AppController.
# Included from app/CMakeLists.txt; paths are relative to app/. The widgets are in
# ui/shell.cmake (qonvex_shell_ui); the `qonvex` executable links both.
add_library(qonvex_shell_core STATIC
  settings/appsettings.cpp settings/appsettings.h
  settings/commandline.cpp settings/commandline.h
  wiring/appstatus.cpp wiring/appstatus.h
  wiring/wakedetector.cpp wiring/wakedetector.h
  wiring/appcontroller.cpp wiring/appcontroller.h wiring/logging_p.h
  wiring/processstats.cpp wiring/processstats.h)
target_include_directories(qonvex_shell_core PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(qonvex_shell_core PUBLIC qonvex_app convexclient Qt6::Core Qt6::Network)

include(GNUInstallDirs)
add_executable(qonvex main.cpp)
target_link_libraries(qonvex PRIVATE qonvex_shell_ui qonvex_shell_core)
# The sign-in plugin is found in the build tree; installed, libqonvex_signin.so lives in
# <libdir>/qonvex (see ui/signin/CMakeLists.txt).
set_target_properties(qonvex PROPERTIES
  INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}/qonvex")
if(TARGET qonvex_signin_webengine)
  add_dependencies(qonvex qonvex_signin_webengine)
endif()
install(TARGETS qonvex RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
