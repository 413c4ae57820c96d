#!/usr/bin/env bash
# The Debian package, as an admin meets it: build it with CPack from an existing build tree, check its metadata
# and contents with the tools Debian uses (lintian, desktop-file-validate, appstreamcli, systemd-analyze), install
# it, and run the installed binary: --version and a --sync of this machine into a scratch SQLite cache, with the
# configuration the systemd units use.
#
#   tests/packaging/test-package.sh BUILD_DIR
#
# Installs with `apt-get install ./opsdeck_*.deb` when it runs as root on a throwaway machine (CI=true, or
# OPSDECK_TEST_APT_INSTALL=1) and OpsDeck is not installed already, and purges it again at the end; otherwise it
# unpacks the package into a scratch root (dpkg-deb -x) and only simulates the apt installation.
set -euo pipefail

build_dir=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
app_id=io.opsdeck.OpsDeck

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
note() { echo "-- $*"; }

for tool in cpack dpkg-deb dpkg-shlibdeps lintian desktop-file-validate appstreamcli file gzip readelf; do
    if ! command -v "$tool" >/dev/null; then
        echo "test-package.sh: $tool is missing; install the test dependencies with: scripts/deps.sh --test" >&2
        exit 1
    fi
done
if [[ ! -x "$build_dir/src/app/opsdeck" ]]; then
    echo "test-package.sh: $build_dir/src/app/opsdeck is not built; build the opsdeck target first" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/opsdeck-package.XXXXXX")
installed_by_us=false
cleanup() {
    if $installed_by_us; then
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 purge -y -q opsdeck >"$work/purge.log" 2>&1 ||
            { echo "test-package.sh: could not purge the test's opsdeck installation:" >&2; cat "$work/purge.log" >&2; }
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- build ------------------------------------------------------------------------------------------------------
note "cpack in $build_dir"
(cd "$work" && cpack --config "$build_dir/CPackConfig.cmake" -B "$work/out") >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log" >&2; echo "FAIL: cpack did not build the package" >&2; exit 1; }
debs=("$work"/out/opsdeck_*.deb)
[[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || { echo "FAIL: expected one opsdeck_*.deb, got: ${debs[*]}" >&2; exit 1; }
deb=${debs[0]}
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
[[ "$(basename "$deb")" == "opsdeck_${version}_${arch}.deb" ]] ||
    fail "package file name $(basename "$deb"), expected opsdeck_${version}_${arch}.deb"
note "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# --- control fields -----------------------------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[[ "$(field Package)" == opsdeck ]] || fail "Package is '$(field Package)'"
[[ "$(field Version)" == "$version" ]] || fail "Version is '$(field Version)', the project's is $version"
[[ "$(field Architecture)" == "$arch" ]] || fail "Architecture is '$(field Architecture)'"
[[ "$(field Section)" == admin ]] || fail "Section is '$(field Section)'"
[[ "$(field Maintainer)" =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]] || fail "Maintainer '$(field Maintainer)' is not 'Name <address>'"
[[ -n "$(field Homepage)" ]] || fail "no Homepage"
[[ "$(field Description | head -n 1)" == "operations dashboard with a local metrics cache" ]] ||
    fail "Description synopsis is '$(field Description | head -n 1)'"
(($(field Description | wc -l) >= 5)) || fail "the extended Description is missing"
depends=$(field Depends)
# From dpkg-shlibdeps (the libraries the binary links) and the plugins QtSql loads by name.
for dep in libqt6core6 libqt6widgets6 libqt6charts6 libqt6network6 libqt6sql6 libqt6httpserver6 libpq5 libsqlite3-0 \
    libqt6sql6-sqlite libqt6sql6-psql; do
    grep -Eq "(^|, )$dep( |,|$)" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
grep -q 'libqt6core6 (>= ' <<<"$depends" || fail "Depends has no versioned Qt dependency (dpkg-shlibdeps did not run?)"

dpkg-deb -e "$deb" "$work/control"
[[ "$(cat "$work/control/conffiles")" == /etc/opsdeck/opsdeck.ini ]] ||
    fail "conffiles should list /etc/opsdeck/opsdeck.ini, it has: $(cat "$work/control/conffiles" 2>/dev/null)"
for script in postinst prerm postrm; do
    [[ -x "$work/control/$script" ]] || fail "maintainer script $script missing or not executable"
    sh -n "$work/control/$script" || fail "maintainer script $script is not valid sh"
done

# --- contents -----------------------------------------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{ print $1, $2, $6 }' | sed 's# \./# /#' >"$work/contents"
has() {
    local mode=$1 path=$2
    grep -qxF -- "$mode root/root $path" "$work/contents" || fail "missing $path ($mode root/root): $(grep -F -- "$path" "$work/contents" || echo absent)"
}
has -rwxr-xr-x /usr/bin/opsdeck
has -rw-r--r-- /usr/share/applications/$app_id.desktop
has -rw-r--r-- /usr/share/metainfo/$app_id.metainfo.xml
has -rw-r--r-- /usr/share/man/man1/opsdeck.1.gz
has -rw-r--r-- /usr/share/doc/opsdeck/copyright
has -rw-r--r-- /usr/share/doc/opsdeck/changelog.gz
has -rw-r--r-- /etc/opsdeck/opsdeck.ini
for unit in opsdeck-sync.service opsdeck-sync.timer opsdeck-watch.service; do
    has -rw-r--r-- /usr/lib/systemd/system/$unit
done
has -rw-r--r-- /usr/share/icons/hicolor/scalable/apps/$app_id.svg
for size in 16 32 48 64 128 256; do
    has -rw-r--r-- /usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
done
for state in ok warning critical; do
    has -rw-r--r-- /usr/share/icons/hicolor/scalable/status/opsdeck-tray-$state.svg
    for size in 16 22 24 32 48 64; do
        has -rw-r--r-- /usr/share/icons/hicolor/${size}x${size}/status/opsdeck-tray-$state.png
    done
done
if grep -v '^d' "$work/contents" | grep -Ev ' /(usr/(bin|lib/systemd/system|share/(applications|metainfo|man|doc|icons/hicolor))|etc/opsdeck)/' >"$work/stray"; then
    fail "files outside the expected directories: $(cat "$work/stray")"
fi

root="$work/root"
dpkg-deb -x "$deb" "$root"
bin_info=$(file -b "$root/usr/bin/opsdeck")
[[ "$bin_info" == *ELF*executable* && "$bin_info" == *", stripped"* ]] || fail "/usr/bin/opsdeck is not a stripped executable: $bin_info"
! readelf -S "$root/usr/bin/opsdeck" | grep -q '\.debug_' || fail "/usr/bin/opsdeck carries debug sections"
readelf -d "$root/usr/bin/opsdeck" | grep -q 'BIND_NOW' || fail "/usr/bin/opsdeck is not linked with -z now"

# Icons: a PNG in NxN/ really is N×N.
while read -r png; do
    dir_size=$(basename "$(dirname "$(dirname "$png")")")
    png_size=$(file -b "$root$png" | sed -n 's/^PNG image data, \([0-9]*\) x \([0-9]*\),.*/\1x\2/p')
    [[ "$png_size" == "$dir_size" ]] || fail "$png is $png_size, not $dir_size"
done < <(awk '{ print $3 }' "$work/contents" | grep '\.png$')

# One version everywhere an admin reads it.
[[ "$(gzip -dc "$root/usr/share/doc/opsdeck/changelog.gz" | head -n 1)" == "opsdeck ($version) "* ]] ||
    fail "packaging/changelog's newest entry is not $version: $(gzip -dc "$root/usr/share/doc/opsdeck/changelog.gz" | head -n 1)"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
    fail "the metainfo has no <release version=\"$version\">"
gzip -dc "$root/usr/share/man/man1/opsdeck.1.gz" | grep -q "^\.TH OPSDECK 1 .*\"OpsDeck $version\"" ||
    fail "the man page's .TH does not say OpsDeck $version"

# --- desktop file, AppStream, man page --------------------------------------------------------------------------
desktop="$root/usr/share/applications/$app_id.desktop"
desktop-file-validate "$desktop" >"$work/dfv.log" 2>&1 || { cat "$work/dfv.log" >&2; fail "desktop-file-validate reports errors"; }
grep -Ev ': hint: ' "$work/dfv.log" || true
grep -qx 'Exec=opsdeck' "$desktop" || fail "Exec is not opsdeck"
grep -qx "Icon=$app_id" "$desktop" || fail "Icon is not $app_id"
grep -q '^Name\[de\]=\|^GenericName\[de\]=' "$desktop" || fail "the desktop file has no German name"
grep -q '^Comment\[de\]=' "$desktop" || fail "the desktop file has no German comment"

metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
# validate-tree checks the metainfo together with the desktop file it launches, as a software centre reads them.
appstreamcli validate-tree --no-net "$root" >"$work/as.log" 2>&1 ||
    { cat "$work/as.log" >&2; fail "appstreamcli validate-tree fails"; }
grep -q "<id>$app_id</id>" "$metainfo" || fail "metainfo id is not $app_id"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" || fail "metainfo launchable is not $app_id.desktop"
grep -q '<summary xml:lang="de">' "$metainfo" || fail "metainfo has no German summary"

if command -v groff >/dev/null; then
    gzip -dc "$root/usr/share/man/man1/opsdeck.1.gz" | LC_ALL=C.UTF-8 groff -man -ww -z 2>"$work/groff.log" ||
        fail "groff cannot format the man page"
    [[ ! -s "$work/groff.log" ]] || { cat "$work/groff.log" >&2; fail "groff warns about the man page"; }
fi
for section in SYNOPSIS OPTIONS CONFIGURATION "EXIT STATUS" ENVIRONMENT FILES; do
    gzip -dc "$root/usr/share/man/man1/opsdeck.1.gz" | grep -q "^\.SH \"\?$section\"\?$" || fail "the man page has no $section section"
done
for option in --sync --watch --json --export --out --from --to --resource --metric --resolution --health --config --db \
    --source --listen --verbose --version --help; do
    gzip -dc "$root/usr/share/man/man1/opsdeck.1.gz" | grep -q -- "${option//-/\\\\-}" || fail "the man page does not document $option"
done

# The German catalogue is compiled into the binary (rcc stores resource names as UTF-16BE).
grep -qaP '\x00o\x00p\x00s\x00d\x00e\x00c\x00k\x00_\x00d\x00e\x00\.\x00q\x00m' "$root/usr/bin/opsdeck" ||
    fail "/usr/bin/opsdeck does not carry :/i18n/opsdeck_de.qm"

# --- systemd units ------------------------------------------------------------------------------------------------
units="$root/usr/lib/systemd/system"
unit_has() {
    grep -qxF -- "$2" "$units/$1" || fail "$1 lacks '$2'"
}
unit_has opsdeck-sync.service 'ExecStart=/usr/bin/opsdeck --sync'
unit_has opsdeck-sync.service 'Type=oneshot'
unit_has opsdeck-watch.service 'ExecStart=/usr/bin/opsdeck --sync --watch --listen 127.0.0.1:9464'
unit_has opsdeck-sync.timer 'OnCalendar=*:00/30'
unit_has opsdeck-sync.timer 'Persistent=true'
grep -q '^RandomizedDelaySec=' "$units/opsdeck-sync.timer" || fail "opsdeck-sync.timer has no RandomizedDelaySec"
for service in opsdeck-sync.service opsdeck-watch.service; do
    for line in DynamicUser=yes User=opsdeck StateDirectory=opsdeck ConfigurationDirectory=opsdeck \
        Environment=OPSDECK_CONFIG=/etc/opsdeck/opsdeck.ini ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
        NoNewPrivileges=yes CapabilityBoundingSet=; do
        unit_has $service "$line"
    done
done
if command -v systemd-analyze >/dev/null; then
    # verify also checks that ExecStart is executable: point it at the unpacked binary.
    mkdir "$work/units"
    for unit in "$units"/*; do
        sed "s#/usr/bin/opsdeck#$root/usr/bin/opsdeck#" "$unit" >"$work/units/$(basename "$unit")"
    done
    systemd-analyze verify --man=no "$work"/units/* >"$work/verify.log" 2>&1 ||
        { cat "$work/verify.log" >&2; fail "systemd-analyze verify rejects the units"; }
    for service in opsdeck-sync.service opsdeck-watch.service; do
        exposure=$(systemd-analyze security --offline=yes --no-pager "$work/units/$service" 2>/dev/null |
            sed -n 's/^→ Overall exposure level for .*: \([0-9.]*\) .*/\1/p')
        note "$service: systemd-analyze security exposure $exposure"
        awk -v e="$exposure" 'BEGIN { exit !(e != "" && e + 0 <= 2.0) }' ||
            fail "$service is less sandboxed than it should be (exposure '${exposure}', want <= 2.0)"
    done
else
    note "systemd-analyze not installed: unit verification skipped"
fi

# --- lintian ------------------------------------------------------------------------------------------------------
note "lintian"
# Exit status 1 means tags at error level, 2 that lintian itself failed; warnings and infos are printed only
# (infos shown: two of the hardening tags below are at that level).
lintian_status=0
lintian --display-info --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1 || lintian_status=$?
grep -v '^running with root privileges' "$work/lintian.log" || true
if ((lintian_status > 1)); then
    fail "lintian did not run (exit status $lintian_status)"
elif grep -q '^E: ' "$work/lintian.log" || ((lintian_status == 1)); then
    fail "lintian reports errors"
fi
# The binary is built hardened as Debian's own are: fortified libc calls, full RELRO, bind-now, PIE.
if grep -E 'hardening-no-(fortify-functions|relro|bindnow|pie)' "$work/lintian.log"; then
    fail "the binary lacks a hardening flag lintian checks for"
fi

# --- install and run ----------------------------------------------------------------------------------------------
prefix=$root
# An opsdeck that is installed, or removed with its configuration kept, belongs to the machine's admin: leave it.
previous=$(dpkg-query -W -f='${db:Status-Status}' opsdeck 2>/dev/null || true)
if [[ $EUID -eq 0 && ("${CI:-}" == true || "${OPSDECK_TEST_APT_INSTALL:-}" == 1) &&
    ("$previous" == "" || "$previous" == not-installed) ]]; then
    note "apt-get install $(basename "$deb")"
    installed_by_us=true
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -q --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
        { cat "$work/apt.log" >&2; echo "FAIL: apt-get install of the package failed" >&2; exit 1; }
    [[ "$(dpkg-query -W -f='${Version} ${db:Status-Status}' opsdeck)" == "$version installed" ]] ||
        fail "dpkg does not list opsdeck $version as installed"
    dpkg --verify opsdeck || fail "dpkg --verify opsdeck finds changed files"
    prefix=""
else
    # Not allowed to touch the machine: at least prove apt would resolve every dependency.
    note "apt-get --simulate install $(basename "$deb") (unpacked into a scratch root instead)"
    apt-get --simulate install --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
        { cat "$work/apt.log" >&2; fail "apt cannot resolve the package's dependencies"; }
fi
opsdeck="$prefix/usr/bin/opsdeck"

out=$(env -i "$opsdeck" --version) || fail "opsdeck --version exits $?"
[[ "$out" == "opsdeck $version (Qt "* ]] || fail "opsdeck --version says '$out'"
note "$out"

# A sync the way the units run one: an unprivileged user whose home is /, an environment with nothing but what the
# unit sets, and the units' configuration as shipped (the strict loader must accept it) — only the cache is moved
# into the scratch directory. As root, the user is nobody; otherwise it is whoever runs the test.
state="$work/state"
mkdir "$state"
as_unit=(env -i HOME=/ PATH=/usr/bin:/bin OPSDECK_CONFIG="$prefix/etc/opsdeck/opsdeck.ini"
    OPSDECK_DB="sqlite://$state/opsdeck.db")
if ((EUID == 0)); then
    chmod 0711 "$work"
    chown 65534:65534 "$state"
    as_unit+=(setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs)
fi
chmod 0700 "$state"
status=0
"${as_unit[@]}" "$opsdeck" --sync --json >"$work/sync.json" 2>"$work/sync.err" || status=$?
if ((status != 0)); then
    cat "$work/sync.json" "$work/sync.err" >&2
    fail "opsdeck --sync as the units run it exits $status"
fi
grep -q '"status": *"ok"' "$work/sync.json" || { cat "$work/sync.json" >&2; fail "--sync --json does not report status ok"; }
grep -q '"name": *"local"' "$work/sync.json" || fail "--sync --json does not list the local source"
"${as_unit[@]}" "$opsdeck" --export resources --out - >"$work/resources.csv" || fail "opsdeck --export resources exits $?"
grep -q ",host,local," "$work/resources.csv" || { cat "$work/resources.csv" >&2; fail "the synced cache has no host row"; }
note "synced this machine: $(tail -n +2 "$work/resources.csv" | head -n 1 | tr -d "\r")"
[[ -f "$state/opsdeck.db" ]] || fail "the sync wrote no cache at $state/opsdeck.db"
if ((EUID == 0)); then
    [[ "$(stat -c %u "$state/opsdeck.db")" == 65534 ]] || fail "the cache is not owned by the unprivileged user"
fi

if ((failures > 0)); then
    echo "test-package.sh: $failures check(s) failed" >&2
    exit 1
fi
echo "test-package.sh: the package builds, validates, installs and runs"
