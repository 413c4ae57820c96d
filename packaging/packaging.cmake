# What `cmake --install` and the Debian package put on a system, and how CPack builds the .deb
# (`cpack --config <build>/CPackConfig.cmake`, see README). The layout is the one the systemd units and the
# default configuration name (/usr/bin/opsdeck, /etc/opsdeck, /var/lib/opsdeck), so the package installs to /usr.
# tests/packaging/test-package.sh builds the package from a build tree, checks it and runs what it installed.

set(OPSDECK_APP_ID io.opsdeck.OpsDeck)
set(opsdeck_packaging_dir ${PROJECT_SOURCE_DIR}/packaging)
set(opsdeck_icons_dir ${PROJECT_SOURCE_DIR}/resources/icons)
set(opsdeck_packaging_out ${PROJECT_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${opsdeck_packaging_out})

# Debian wants the man page and the changelog gzip-compressed; -n leaves out name and time, so the package is
# reproducible. Built along with the opsdeck executable, so that any build tree that has the binary can be packaged.
set(opsdeck_gzipped)
foreach(source opsdeck.1 changelog)
    set(output ${opsdeck_packaging_out}/${source}.gz)
    add_custom_command(OUTPUT ${output}
        COMMAND sh -c "gzip -9n -c \"$1\" > \"$2\"" gzip ${opsdeck_packaging_dir}/${source} ${output}
        DEPENDS ${opsdeck_packaging_dir}/${source}
        COMMENT "Compressing packaging/${source}"
        VERBATIM)
    list(APPEND opsdeck_gzipped ${output})
endforeach()
add_custom_target(opsdeck_packaging_files DEPENDS ${opsdeck_gzipped})
add_dependencies(opsdeck opsdeck_packaging_files)
# Full RELRO, as Debian builds its packages (lintian: hardening-no-bindnow): every symbol is bound at start-up, so
# the GOT is read-only while the process talks to the network. (_FORTIFY_SOURCE and the stack protector are compile
# flags of every object: they are in opsdeck_flags.)
target_link_options(opsdeck PRIVATE -Wl,-z,relro -Wl,-z,now)

# The binary and the .desktop file are installed by src/app.
install(FILES ${opsdeck_packaging_dir}/linux/${OPSDECK_APP_ID}.metainfo.xml DESTINATION share/metainfo)
install(FILES ${opsdeck_packaging_out}/opsdeck.1.gz DESTINATION share/man/man1)
install(FILES ${opsdeck_packaging_dir}/copyright DESTINATION share/doc/opsdeck)
install(FILES ${opsdeck_packaging_out}/changelog.gz DESTINATION share/doc/opsdeck)

# The app icon under the desktop file's Icon= name, and the tray's states as status icons, so icon themes and
# panels that look icons up by name find them (the tray itself draws the same badge, see src/ui/traycontroller.cpp).
foreach(size 16 32 48 64 128 256)
    install(FILES ${opsdeck_icons_dir}/opsdeck-${size}.png
        DESTINATION share/icons/hicolor/${size}x${size}/apps RENAME ${OPSDECK_APP_ID}.png)
endforeach()
install(FILES ${opsdeck_icons_dir}/opsdeck.svg DESTINATION share/icons/hicolor/scalable/apps RENAME ${OPSDECK_APP_ID}.svg)
foreach(state ok warning critical)
    foreach(size 16 22 24 32 48 64)
        install(FILES ${opsdeck_icons_dir}/opsdeck-tray-${state}-${size}.png
            DESTINATION share/icons/hicolor/${size}x${size}/status RENAME opsdeck-tray-${state}.png)
    endforeach()
    install(FILES ${opsdeck_icons_dir}/opsdeck-tray-${state}.svg DESTINATION share/icons/hicolor/scalable/status)
endforeach()

# The German translation is not installed as a file: lrelease compiles it into the binary (:/i18n/opsdeck_de.qm,
# see src/ui/CMakeLists.txt) and Translator loads it only from there, so a copy under /usr/share would be dead
# weight that could drift from the binary. The .desktop file and the AppStream metainfo carry German texts.

# Headless sync as system services, not enabled on installation (README: "Running the sync as a service").
# lib/ and not CMAKE_INSTALL_LIBDIR, which is lib/<multiarch> on Debian; systemd looks in /usr/lib/systemd/system.
install(FILES
    ${opsdeck_packaging_dir}/systemd/opsdeck-sync.service
    ${opsdeck_packaging_dir}/systemd/opsdeck-sync.timer
    ${opsdeck_packaging_dir}/systemd/opsdeck-watch.service
    DESTINATION lib/systemd/system)
# The units' configuration: an absolute path, because the units name it and it is a dpkg conffile (an admin's
# edits survive upgrades). With `cmake --install` into a prefix, use DESTDIR.
install(FILES ${opsdeck_packaging_dir}/opsdeck.ini DESTINATION /etc/opsdeck)

# --- Debian package ---------------------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME opsdeck)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "OpsDeck maintainers <maintainers@opsdeck.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Directories the install step creates get 0755 whatever the umask of whoever runs cpack.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "operations dashboard with a local metrics cache")
# CPack puts the summary in front as the synopsis line; this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "OpsDeck shows CPU, memory and disk of a fleet - this machine, DigitalOcean
droplets, managed databases and apps, Prometheus and node_exporter hosts -
with 30-day trends and alerts. Every view reads a local cache (SQLite, or a
PostgreSQL database shared by a team), so it opens at once even when a
provider is slow or down; a sync engine keeps the cache fresh within the
providers' rate limits.
.
The same program syncs headless. This package ships systemd units for it,
not enabled on installation: opsdeck-sync.timer syncs every 30 minutes, and
opsdeck-watch.service syncs continuously and serves /health and /metrics on
127.0.0.1:9464.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# dpkg-shlibdeps finds the libraries the binary links (Qt, libpq, SQLite, QtKeychain); it cannot see plugins
# loaded at run time: the SQL drivers QtSql opens by name.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql")
# Without them OpsDeck still works: PNG icons instead of SVG, Qt's own dialog buttons in English, X11 via XWayland.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6svg6, qt6-translations-l10n, qt6-wayland")
# The Settings dialog keeps tokens in a Secret Service keyring; the local node_exporter is a source to sync.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring | kwalletmanager, prometheus-node-exporter")
# conffiles: /etc/opsdeck/opsdeck.ini; maintainer scripts: reload systemd, restart or stop the units with the package.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${opsdeck_packaging_dir}/debian/conffiles
    ${opsdeck_packaging_dir}/debian/postinst
    ${opsdeck_packaging_dir}/debian/prerm
    ${opsdeck_packaging_dir}/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON) # scripts 0755, the rest 0644, whatever git checked out
include(CPack)
