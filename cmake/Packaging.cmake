# The Debian package of the server (CPack DEB): `cmake --build build --target package` or
# `cd build && cpack -G DEB` writes build/ucf-server_<version>_<arch>.deb, installable with
# `apt install ./ucf-server_*.deb`. Debian already has a package named `ucf` (Update Configuration
# File, required by postgresql-common) that owns /usr/bin/ucf and /var/lib/ucf, so this one is
# `ucf-server` throughout: /usr/bin/ucf-server (a link to /usr/lib/ucf-server/ucf), the hardened
# systemd unit ucf-server.service, the default configuration (copied to /etc/ucf-server/ucf.env
# with a fresh key by postinst), data in /var/lib/ucf-server, the provider catalog and docs, and
# the dashboard export (web/out) when it has been built. deploy/README.md documents operation;
# scripts/deb_check.sh builds, installs, starts and probes the package.
install(TARGETS ucf RUNTIME DESTINATION lib/ucf-server)
install(CODE [[
  file(MAKE_DIRECTORY "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/bin")
  file(CREATE_LINK ../lib/ucf-server/ucf "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/bin/ucf-server" SYMBOLIC)
]])
# /usr/lib/systemd/system (Debian 12 is merged-/usr).
install(FILES ${PROJECT_SOURCE_DIR}/deploy/debian/ucf-server.service DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/debian/ucf.env.example ${PROJECT_SOURCE_DIR}/config/providers.json
        DESTINATION share/ucf-server)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/deploy/nginx/ucf.conf
        DESTINATION share/doc/ucf-server)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/README.md DESTINATION share/doc/ucf-server RENAME deploy.md)
if(EXISTS ${PROJECT_SOURCE_DIR}/web/out)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/out/ DESTINATION share/ucf-server/web)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ucf-server)
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
