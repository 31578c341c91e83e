# Windows resources of qonvex.exe, made and checked on Linux (tests/packaging/windows-test.sh):
#   <build>/packaging/windows/qonvex.rc             icon, version block, manifest (from packaging/windows)
#   <build>/packaging/windows/qonvex.exe.manifest   supported OS, UTF-8 code page, asInvoker
#   <build>/packaging/windows/qonvex.ico            16-256 px, rendered from the SVG (target
#                                                   qonvex_windows_resources, not built by default)
# Nothing here is compiled into a Windows build yet: see the README's "Other platforms".
# Included from cmake/Install.cmake after PackagingMetadata.cmake (QONVEX_APP_ID, QONVEX_CONTACT).
set(QONVEX_WINDOWS_DIR ${PROJECT_BINARY_DIR}/packaging/windows)
set(_win ${PROJECT_SOURCE_DIR}/packaging/windows)
# Windows versions have four parts.
set(QONVEX_WINDOWS_VERSION_DOTS "${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}.${PROJECT_VERSION_PATCH}.0")
string(REPLACE "." "," QONVEX_WINDOWS_VERSION_COMMAS "${QONVEX_WINDOWS_VERSION_DOTS}")
configure_file(${_win}/qonvex.rc.in ${QONVEX_WINDOWS_DIR}/qonvex.rc @ONLY)
configure_file(${_win}/qonvex.exe.manifest.in ${QONVEX_WINDOWS_DIR}/qonvex.exe.manifest @ONLY)

find_program(QONVEX_RSVG_CONVERT rsvg-convert)
find_package(Python3 COMPONENTS Interpreter QUIET)
if(QONVEX_RSVG_CONVERT AND Python3_Interpreter_FOUND)
  set(_svg ${PROJECT_SOURCE_DIR}/resources/icons/${QONVEX_APP_ID}.svg)
  set(_render)
  set(_pngs)
  # The sizes Windows asks for at 100-200 % scaling (taskbar, title bar, Explorer views).
  foreach(size 16 20 24 32 40 48 64 256)
    set(_png ${QONVEX_WINDOWS_DIR}/icon-${size}.png)
    list(APPEND _render COMMAND ${QONVEX_RSVG_CONVERT} -w ${size} -h ${size} -o ${_png} ${_svg})
    list(APPEND _pngs ${_png})
  endforeach()
  add_custom_command(OUTPUT ${QONVEX_WINDOWS_DIR}/qonvex.ico
    ${_render}
    COMMAND ${Python3_EXECUTABLE} ${_win}/make-ico.py ${QONVEX_WINDOWS_DIR}/qonvex.ico ${_pngs}
    DEPENDS ${_svg} ${_win}/make-ico.py
    COMMENT "Rendering the Windows icon" VERBATIM)
  add_custom_target(qonvex_windows_resources DEPENDS ${QONVEX_WINDOWS_DIR}/qonvex.ico)
else()
  message(STATUS "rsvg-convert or python3 not found: no target qonvex_windows_resources")
endif()
unset(_win)
