# The app id and the project contact, and the metadata files that carry them, filled in at
# configure time into <build>/packaging/metadata/. Included from cmake/Install.cmake even without
# the app, so the packaging_metadata test always has the files to validate.
#
# QONVEX_CONTACT is the one place the maintainers' address is written. It becomes:
#   the .deb's Maintainer (CPack, cmake/Packaging.cmake), Upstream-Contact in
#   /usr/share/doc/qonvex/copyright, the changelog trailer, <developer_name>/<update_contact> in
#   the AppStream metainfo, the AUTHOR section of the man pages and CompanyName in the Windows
#   version resource.
set(QONVEX_APP_ID io.github.qonvex.Qonvex)
set(QONVEX_CONTACT "The Qonvex developers <qonvex@users.noreply.github.com>")
if(NOT QONVEX_CONTACT MATCHES "^([^<>]*[^<> ]) <([^<>@ ]+@[^<>@ ]+\\.[^<>@ ]+)>$")
  message(FATAL_ERROR "QONVEX_CONTACT must read 'Name <user@host.domain>', not '${QONVEX_CONTACT}'")
endif()
set(QONVEX_CONTACT_NAME "${CMAKE_MATCH_1}")
set(QONVEX_CONTACT_EMAIL "${CMAKE_MATCH_2}")

set(QONVEX_METADATA_DIR ${PROJECT_BINARY_DIR}/packaging/metadata)
configure_file(${PROJECT_SOURCE_DIR}/packaging/linux/${QONVEX_APP_ID}.metainfo.xml.in
  ${QONVEX_METADATA_DIR}/${QONVEX_APP_ID}.metainfo.xml @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/packaging/debian/copyright.in ${QONVEX_METADATA_DIR}/copyright @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/packaging/debian/changelog.in ${QONVEX_METADATA_DIR}/changelog @ONLY)
# help2man --include: sections the programs' --help does not have.
configure_file(${PROJECT_SOURCE_DIR}/packaging/linux/man-sections.h2m.in
  ${QONVEX_METADATA_DIR}/man-sections.h2m @ONLY)
