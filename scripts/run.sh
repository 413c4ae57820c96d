#!/usr/bin/env bash
# Builds OpsDeck (installing missing Debian packages first) and runs it; arguments go to opsdeck.
#
#   scripts/run.sh                 the desktop app
#   scripts/run.sh --sync --json   any headless verb
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Build output goes to stderr so that headless verbs (--export --out -, --sync --json) keep a clean stdout.
{
    bash scripts/deps.sh
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    cmake --build build
} >&2

exec build/src/app/opsdeck "$@"
