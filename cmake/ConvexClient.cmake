# `cmake --install` of the convexclient library as a CMake package:
#   find_package(ConvexClient 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE ConvexClient::convexclient)
# Both static libraries are installed (convexclient needs convexclient_core); their private
# dependencies (nlohmann_json, Qt6::WebSockets) appear as link-only entries in the exported
# targets, so the config file finds them for the consumer.
include(CMakePackageConfigHelpers)

set(CONVEXCLIENT_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/ConvexClient
    CACHE STRING "Where ConvexClientConfig.cmake is installed (relative to the prefix)")
set(_cc_component ConvexClient_Development)

install(TARGETS convexclient_core convexclient
  EXPORT ConvexClientTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT ${_cc_component}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/convexclient/include/convexclient
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT ${_cc_component}
  FILES_MATCHING PATTERN "*.h")
install(EXPORT ConvexClientTargets
  NAMESPACE ConvexClient::
  DESTINATION ${CONVEXCLIENT_INSTALL_CMAKEDIR} COMPONENT ${_cc_component})

# The Qt version the library was built with is the minimum a consumer may use.
set(CONVEXCLIENT_QT_MIN_VERSION ${Qt6_VERSION})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/ConvexClientConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/ConvexClientConfig.cmake
  INSTALL_DESTINATION ${CONVEXCLIENT_INSTALL_CMAKEDIR})
# 0.x: a new minor version may break the API, so only the same minor version is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cmake/ConvexClientConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/ConvexClientConfig.cmake
              ${PROJECT_BINARY_DIR}/cmake/ConvexClientConfigVersion.cmake
  DESTINATION ${CONVEXCLIENT_INSTALL_CMAKEDIR} COMPONENT ${_cc_component})
unset(_cc_component)
