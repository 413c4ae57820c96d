#!/usr/bin/env bash
# Installs the Debian 12 packages OpsDeck needs to build (and, with --test, to run its test suites).
#
#   scripts/deps.sh          build dependencies
#   scripts/deps.sh --test   build + test dependencies (PostgreSQL, Prometheus, node_exporter, Xvfb, tray host)
#   scripts/deps.sh --fuzz   build + clang and libFuzzer for -DOPSDECK_BUILD_FUZZERS=ON (fuzz/CMakeLists.txt)
#
# Only what is missing is installed, and the check is dpkg-query, so a second run is a fast no-op that
# needs neither network nor root.
set -euo pipefail

build_packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev
    libqt6sql6-sqlite libqt6sql6-psql
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev
    libsqlite3-dev sqlite3 libpq-dev libgl-dev
)
# The tests start their own PostgreSQL, Prometheus and node_exporter instances on free loopback ports; the
# system services these packages may start on installation are never used.
fuzz_packages=(clang libclang-rt-14-dev)
test_packages=(
    postgresql prometheus prometheus-node-exporter
    xvfb xauth trayer dbus-x11
    # tests/tst_guismoke: xwininfo, the AT-SPI accessibility bus, `import` for its optional screenshots
    x11-utils at-spi2-core imagemagick
    # tests/packaging: CPack's .deb (dpkg-shlibdeps, file) and the tools that judge it
    dpkg-dev file lintian desktop-file-utils appstream systemd groff-base
    # tests/tst_secrets: the self-signed certificate of its untrusted TLS server
    openssl
)

usage() {
    echo "usage: $0 [--test]" >&2
    exit 2
}

packages=("${build_packages[@]}")
for arg in "$@"; do
    case "$arg" in
    --test) packages+=("${test_packages[@]}") ;;
    --fuzz) packages+=("${fuzz_packages[@]}") ;;
    -h | --help) usage ;;
    *)
        echo "deps.sh: unknown argument '$arg'" >&2
        usage
        ;;
    esac
done

# A package counts as present only when fully installed; "config-files" or "half-installed" states are
# reinstalled.
missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != installed ]]; then
        missing+=("$pkg")
    fi
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

echo "deps.sh: installing ${missing[*]}" >&2

# sudo resets the environment, so DEBIAN_FRONTEND travels on the command line through env. Without a
# terminal (CI) sudo must fail rather than wait for a password nobody can type.
if ((EUID == 0)); then
    as_root=(env DEBIAN_FRONTEND=noninteractive)
elif command -v sudo >/dev/null; then
    if [[ -t 0 ]]; then
        as_root=(sudo env DEBIAN_FRONTEND=noninteractive)
    else
        as_root=(sudo -n env DEBIAN_FRONTEND=noninteractive)
    fi
else
    echo "deps.sh: missing packages (${missing[*]}) and neither root nor sudo is available;" \
        "install them as root: apt-get install ${missing[*]}" >&2
    exit 1
fi

# A fresh machine (or container image) often has empty package lists, so refresh them once before
# installing; this only happens when something is actually missing.
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q "${missing[@]}"
