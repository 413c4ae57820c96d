#!/usr/bin/env bash
# Builds OpsDeck and runs every test suite against real components, installing missing Debian packages
# first. Extra arguments go to ctest:
#
#   scripts/test.sh                 everything
#   scripts/test.sh -L storage      one label
#   scripts/test.sh -R csvwriter    one suite
#
# A scratch PostgreSQL cluster (scripts/pg-scratch.sh) runs for the duration and is named to the suites
# by OPSDECK_TEST_PG_URL; it is stopped and deleted on exit, whatever happens.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/deps.sh --test
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build

# Under /tmp rather than in the build tree: the server runs as "postgres" when we are root, and it must be
# able to reach the directory (the repository may sit under /root or a private home).
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/opsdeck-pg.XXXXXX")
# shellcheck disable=SC2317 # called through the trap
cleanup() {
    bash "$root/scripts/pg-scratch.sh" stop "$pg_dir" || true
}
trap cleanup EXIT
# An interrupted run still stops the cluster: the signal ends the script through the EXIT trap.
trap 'exit 130' INT
trap 'exit 143' TERM

pg_port=$(bash scripts/pg-scratch.sh start "$pg_dir")
export OPSDECK_TEST_PG_URL="postgresql://opsdeck@127.0.0.1:${pg_port}/opsdeck_test"
echo "test.sh: scratch PostgreSQL at $OPSDECK_TEST_PG_URL" >&2

# Not exec: the EXIT trap has to run after ctest to stop the cluster, and the script exits with ctest's code.
status=0
ctest --test-dir build --output-on-failure -j2 "$@" || status=$?
exit "$status"
