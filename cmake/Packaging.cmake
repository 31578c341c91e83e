# Desktop integration of qonvex and the .deb (CPack). Included from cmake/Install.cmake after
# PackagingMetadata.cmake (QONVEX_APP_ID, QONVEX_CONTACT, the filled-in metadata files).
# The executables and the sign-in plugin bring their own install() rules (app/shell.cmake,
# app/cli, ui/signin); this file adds what a desktop needs around them. Everything here is in
# the default component (Unspecified), which is exactly what the .deb contains.
set(_linux ${PROJECT_SOURCE_DIR}/packaging/linux)
set(_gen ${PROJECT_BINARY_DIR}/packaging)
# The one source of the app icon; the app paints the same mark (ui/status/statusicons.cpp).
set(_icon_svg ${PROJECT_SOURCE_DIR}/resources/icons/${QONVEX_APP_ID}.svg)
file(MAKE_DIRECTORY ${_gen})

install(FILES ${_linux}/${QONVEX_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${QONVEX_METADATA_DIR}/${QONVEX_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${_icon_svg}
  DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# Bitmap icons for menus and docks that do not scale SVGs, rendered from the SVG.
find_program(QONVEX_RSVG_CONVERT rsvg-convert)
set(_png_outputs)
if(QONVEX_RSVG_CONVERT)
  foreach(size 48 128 256)
    set(_png ${_gen}/icons/${size}x${size}/${QONVEX_APP_ID}.png)
    add_custom_command(OUTPUT ${_png}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${_gen}/icons/${size}x${size}
      COMMAND ${QONVEX_RSVG_CONVERT} -w ${size} -h ${size} -o ${_png} ${_icon_svg}
      DEPENDS ${_icon_svg}
      COMMENT "Rendering the ${size}px icon" VERBATIM)
    list(APPEND _png_outputs ${_png})
    install(FILES ${_png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
else()
  message(WARNING "rsvg-convert not found (Debian: librsvg2-bin): the package gets only the SVG icon")
endif()

# Man pages from the programs' own --help and --version (help2man), gzipped as Debian wants.
find_program(QONVEX_HELP2MAN help2man)
set(_man_outputs)
set(QONVEX_RELEASE_EPOCH 1795651200) # 2026-11-26, the date of the release in the metainfo
if(QONVEX_HELP2MAN)
  set(_summary_qonvex "native desktop client for Convex apps with Clerk sign-in")
  set(_summary_qonvex-cli "call Convex functions from the shell")
  foreach(prog qonvex qonvex-cli)
    set(summary "${_summary_${prog}}")
    if(NOT TARGET ${prog})
      continue()
    endif()
    set(_man ${_gen}/man/${prog}.1)
    add_custom_command(OUTPUT ${_man}.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${_gen}/man
      # SOURCE_DATE_EPOCH: help2man dates the page by it, so the package builds reproducibly.
      # --locale=C.UTF-8: in its default C locale help2man turns every non-ASCII character of
      # the help text ("…") into "???".
      COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen SOURCE_DATE_EPOCH=${QONVEX_RELEASE_EPOCH}
              ${QONVEX_HELP2MAN} --no-info --no-discard-stderr --section=1 --locale=C.UTF-8
              --name=${summary} --include=${QONVEX_METADATA_DIR}/man-sections.h2m
              --output=${_man} $<TARGET_FILE:${prog}>
      COMMAND gzip -9nf ${_man}
      DEPENDS ${prog} ${QONVEX_METADATA_DIR}/man-sections.h2m
      COMMENT "Generating the ${prog}(1) man page" VERBATIM)
    list(APPEND _man_outputs ${_man}.gz)
    install(FILES ${_man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endforeach()
else()
  message(WARNING "help2man not found: the package gets no man pages (./dev deps installs it)")
endif()

# Debian wants a copyright file and a changelog in /usr/share/doc/<package> (changelog.gz: a
# native package, the version has no Debian revision).
add_custom_command(OUTPUT ${_gen}/doc/changelog.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_gen}/doc
  COMMAND ${CMAKE_COMMAND} -E copy ${QONVEX_METADATA_DIR}/changelog ${_gen}/doc/changelog
  COMMAND gzip -9nf ${_gen}/doc/changelog
  DEPENDS ${QONVEX_METADATA_DIR}/changelog VERBATIM)
install(FILES ${QONVEX_METADATA_DIR}/copyright ${_gen}/doc/changelog.gz
  DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/qonvex)

add_custom_target(qonvex_desktop_files ALL DEPENDS ${_png_outputs} ${_man_outputs} ${_gen}/doc/changelog.gz)

# ---- CPack: one .deb with the apps (component Unspecified), not the library's dev files ----
execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE _deb_arch
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT _deb_arch)
  set(_deb_arch amd64)
endif()
set(CPACK_PACKAGE_NAME qonvex)
set(CPACK_PACKAGE_VENDOR "${QONVEX_CONTACT_NAME}")
set(CPACK_PACKAGE_CONTACT "${QONVEX_CONTACT}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "native desktop client for Convex apps with Clerk sign-in")
set(CPACK_PACKAGE_HOMEPAGE_URL ${PROJECT_HOMEPAGE_URL})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package)
set(CPACK_OUTPUT_CONFIG_FILE ${PROJECT_BINARY_DIR}/CPackConfig.cmake)
set(CPACK_SOURCE_OUTPUT_CONFIG_FILE ${PROJECT_BINARY_DIR}/CPackSourceConfig.cmake)
# Component install only to pick the components; they still end up in one package.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL Unspecified)
set(CPACK_DEBIAN_FILE_NAME qonvex_${PROJECT_VERSION}_${_deb_arch}.deb)
set(CPACK_DEBIAN_PACKAGE_NAME qonvex)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${_deb_arch})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${CPACK_PACKAGE_CONTACT})
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
file(READ ${PROJECT_SOURCE_DIR}/packaging/debian/description _deb_description)
string(STRIP "${_deb_description}" _deb_description)
# CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY first, indents the rest and writes empty lines as " .".
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${_deb_description}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps must see the private libraries (libqonvex_signin.so) next to the binaries.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/ui/signin)
# QtKeychain dlopens libsecret at run time, which shlibdeps cannot see; gnome-keyring (or any
# org.freedesktop.secrets provider) keeps the session across restarts.
# xdg-utils: the hosted sign-in opens the browser with xdg-open outside a desktop environment.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsecret-1-0")
# libqt6svg6: Qt's SVG icon engine, for scalable icons of the desktop's icon theme (the app paints its own
# mark in code and needs it for nothing else).
# qt6-translations-l10n: Qt's own strings (standard buttons, text field menus) in the user's
# language next to Qonvex's translations.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring, xdg-utils, libqt6svg6, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
  OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
unset(_linux)
unset(_gen)
