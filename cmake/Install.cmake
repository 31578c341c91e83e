# Install rules and packaging, included once at the end of the top-level CMakeLists.txt (after
# every target exists):
#   ConvexClient.cmake  headers, static libraries and the CMake package of convexclient
#                       (component ConvexClient_Development, not part of the .deb)
#   PackagingMetadata.cmake  the app id, the project contact (QONVEX_CONTACT) and the metadata
#                       files filled in with them (always: the metadata test checks them)
#   WindowsResources.cmake  qonvex.rc, the manifest and the .ico, generated for a future
#                       Windows build and checked here (tests/packaging/windows-test.sh)
#   Packaging.cmake     desktop integration (desktop entry, AppStream, icons, man pages) and
#                       CPack for the qonvex .deb (component Unspecified: the apps' own rules)
include_guard(GLOBAL)
include(GNUInstallDirs)
include(${CMAKE_CURRENT_LIST_DIR}/ConvexClient.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/PackagingMetadata.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/WindowsResources.cmake)
if(QONVEX_BUILD_APP)
  include(${CMAKE_CURRENT_LIST_DIR}/Packaging.cmake)
endif()
