# The Debian package of the server (CPack DEB): `cmake --build build --target package` or
# `cd build && cpack -G DEB` writes build/ucf_<version>_<arch>.deb, installable with
# `apt install ./ucf_*.deb`. Contents: /usr/bin/ucf, the systemd unit (hardened), the default
# configuration (copied to /etc/ucf/ucf.env with a fresh key by postinst), the provider catalog and
# docs, and the dashboard export (web/out) when it has been built. deploy/README.md documents
# operation; scripts/deb_check.sh builds, installs, starts and probes the package.
include(GNUInstallDirs)
install(TARGETS ucf RUNTIME DESTINATION bin)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/debian/ucf.service DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/debian/ucf.env.example
              ${PROJECT_SOURCE_DIR}/config/providers.json
        DESTINATION share/ucf)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/deploy/README.md
              ${PROJECT_SOURCE_DIR}/deploy/nginx/ucf.conf
        DESTINATION share/doc/ucf)
if(EXISTS ${PROJECT_SOURCE_DIR}/web/out)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/out/ DESTINATION share/ucf/web)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ucf)
set(CPACK_PACKAGE_VENDOR "UCF")
set(CPACK_PACKAGE_CONTACT "UCF maintainers <ucf@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Unified Connector Framework: multi-tenant connector service")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "passwd")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx, postgresql")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/postinst ${PROJECT_SOURCE_DIR}/deploy/debian/prerm
    ${PROJECT_SOURCE_DIR}/deploy/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
