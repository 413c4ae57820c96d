#!/usr/bin/env bash
# Sync benchmark for the DigitalOcean source (companion of opsdeck-bench): runs the real `opsdeck --sync` against
# the local DigitalOcean test server and reports API calls against the minimum, wall time, samples stored per
# second and the peak RSS of the headless process.
#
#   bench/do-sync.sh [--droplets N] [--build DIR]        (defaults: 200 droplets, ./build)
#
# The first sync backfills the default 30 days at DigitalOcean's documented 250 requests/minute, so its wall time
# is set by the budget, not by OpsDeck: with N droplets it needs 3 + 5·N calls, about (3 + 5·N)/250 minutes.
set -euo pipefail
droplets=200
build=build
while [[ $# -gt 0 ]]; do
    case "$1" in
        --droplets) droplets=$2; shift 2 ;;
        --build) build=$2; shift 2 ;;
        *) echo "usage: $0 [--droplets N] [--build DIR]" >&2; exit 2 ;;
    esac
done
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$root/$build/src/app/opsdeck"
fake="$root/$build/tests/servers/opsdeck-fake-do"
work=$(mktemp -d)
trap 'kill "$fake_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$fake" --port "$port" --droplets "$droplets" --databases 0 --apps 0 --token bench-token >"$work/fake.log" 2>&1 &
fake_pid=$!
sleep 1
cat >"$work/opsdeck.ini" <<INI
[storage]
url=sqlite://$work/opsdeck.db
[source.do]
type=digitalocean
api_url=http://127.0.0.1:$port
token_env=OPSDECK_BENCH_TOKEN
INI
OPSDECK_BENCH_TOKEN=bench-token /usr/bin/time -v "$bin" --config "$work/opsdeck.ini" --sync --json \
    >"$work/report.json" 2>"$work/time.log"
python3 - "$work/report.json" "$work/time.log" "$droplets" <<'PY'
import json, re, sys
report = json.load(open(sys.argv[1]))
times = open(sys.argv[2]).read()
droplets = int(sys.argv[3])
do = report["sources"][0]
rss_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", times).group(1)) / 1024
seconds = report["duration_ms"] / 1000
minimum = 3 + 5 * droplets
print(f"droplets            {droplets}")
print(f"status              {report['status']}")
print(f"API calls           {do['api_calls']} (minimum {minimum}, throttled {do['throttled']}, retries {do['retries']})")
print(f"wall time           {seconds:.1f} s")
print(f"samples stored      {do['samples']} ({do['samples'] / seconds:,.0f} samples/s)")
print(f"peak RSS            {rss_mb:.1f} MB")
PY
