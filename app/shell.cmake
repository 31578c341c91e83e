# The desktop app shell, part 1 (no widgets): settings, command line, AppController.
# Included from app/CMakeLists.txt; paths are relative to app/. The widgets are in
# ui/shell.cmake (qonvex_shell_ui); the `qonvex` executable links both.
add_library(qonvex_shell_core STATIC
  settings/appsettings.cpp settings/appsettings.h
  settings/commandline.cpp settings/commandline.h
  wiring/appstatus.cpp wiring/appstatus.h
  wiring/wakedetector.cpp wiring/wakedetector.h
  wiring/appcontroller.cpp wiring/appcontroller.h wiring/logging_p.h
  wiring/processstats.cpp wiring/processstats.h
  i18n/translations.cpp i18n/translations.h)
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

# Translations (resources/translations/qonvex_<lang>.ts, kept up to date with
# `cmake --build build --target qonvex_update_translations`), compiled next to the binary in
# the build tree and installed where app/i18n/translations.cpp looks for them.
set(QONVEX_TS_FILES ${PROJECT_SOURCE_DIR}/resources/translations/qonvex_de.ts)
set_source_files_properties(${QONVEX_TS_FILES} PROPERTIES OUTPUT_LOCATION ${CMAKE_CURRENT_BINARY_DIR}/translations)
qt_add_lrelease(qonvex TS_FILES ${QONVEX_TS_FILES} QM_FILES_OUTPUT_VARIABLE QONVEX_QM_FILES)
install(FILES ${QONVEX_QM_FILES} DESTINATION ${CMAKE_INSTALL_DATADIR}/qonvex/translations)
# lupdate over every folder with user-visible strings; -no-obsolete drops strings the code
# no longer has (tests/ui's translations_complete test fails while any string is untranslated).
add_custom_target(qonvex_update_translations
  COMMAND Qt6::lupdate -no-obsolete -locations none ${PROJECT_SOURCE_DIR}/ui ${PROJECT_SOURCE_DIR}/app
          -ts ${QONVEX_TS_FILES}
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  COMMENT "Updating resources/translations from the sources" VERBATIM)
