#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suites.
#
#   scripts/pg-scratch.sh start DIR   create and start a cluster in DIR; prints the port (also in DIR/port)
#   scripts/pg-scratch.sh stop DIR    stop it and delete DIR
#
# The cluster listens on 127.0.0.1 only, on the first free port from 55432 up, with trust authentication,
# a superuser role "opsdeck" and a database "opsdeck_test":
#   postgresql://opsdeck@127.0.0.1:$(cat DIR/port)/opsdeck_test
# It never touches the system cluster (port 5432, /var/lib/postgresql) that the Debian package may run.
#
# DIR should be fresh and short (the Unix socket path lives in it and is limited to ~100 bytes), e.g.
# DIR=$(mktemp -d). PostgreSQL refuses to run as root, so as root the server runs as the "postgres" user
# and DIR is handed to it; otherwise it runs as the current user.
set -euo pipefail

readonly first_port=55432
readonly port_attempts=50
readonly marker=.opsdeck-pg-scratch

die() {
    echo "pg-scratch.sh: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}

(($# == 2)) || usage
command=$1
dir=$2
[[ -n "$dir" ]] || usage

# Debian installs the server binaries per major version under /usr/lib/postgresql/N/bin and puts only
# the clients on PATH; take the newest installed major version.
find_bindir() {
    local candidate best=""
    for candidate in /usr/lib/postgresql/*/bin; do
        if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
            if [[ -z "$best" ]] || [[ "$(printf '%s\n%s\n' "$best" "$candidate" | sort -V | tail -n1)" == "$candidate" ]]; then
                best=$candidate
            fi
        fi
    done
    [[ -n "$best" ]] || die "no PostgreSQL server found in /usr/lib/postgresql/*/bin; run scripts/deps.sh --test"
    echo "$best"
}

# Runs a command as the cluster's owner. The working directory is DIR because the postgres user usually
# cannot read the caller's directory (e.g. /root), which initdb and pg_ctl complain about.
as_owner() {
    if ((EUID == 0)); then
        (cd "$dir" && runuser -u postgres -- "$@")
    else
        (cd "$dir" && "$@")
    fi
}

# True when nothing accepts connections on 127.0.0.1:$1. This is only a fast pre-check: another process
# may take the port before the server binds it, which start() handles by trying the next port.
port_looks_free() {
    if command -v python3 >/dev/null; then
        python3 - "$1" <<'EOF' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
EOF
    else
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
            return 1
        fi
    fi
}

start() {
    local bindir port attempt started=0
    bindir=$(find_bindir)

    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty; stop the previous cluster or use a fresh directory"
    touch "$dir/$marker"
    mkdir -p "$dir/socket"
    if ((EUID == 0)); then
        getent passwd postgres >/dev/null || die "user 'postgres' does not exist; run scripts/deps.sh --test"
        chown -R postgres: "$dir"
        # mktemp makes DIR 0700; the server only needs to reach it, which fails if a parent is closed.
        runuser -u postgres -- test -w "$dir" ||
            die "user 'postgres' cannot write to $dir (a parent directory is not searchable); use a directory under /tmp"
    fi

    # C locale: always available, and byte-order collation matches SQLite's default BINARY collation.
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C \
        >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        die "initdb failed"
    }

    # Durability is pointless for a cluster deleted after the run, and fsync dominates test time.
    cat >>"$dir/data/postgresql.conf" <<EOF

# pg-scratch.sh: throw-away test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF

    port=$first_port
    for ((attempt = 0; attempt < port_attempts; attempt++, port++)); do
        port_looks_free "$port" || continue
        rm -f "$dir/server.log"
        if as_owner "$bindir/pg_ctl" start -D "$dir/data" -o "-p $port" -l "$dir/server.log" -w -t 60 \
            >"$dir/pg_ctl.log" 2>&1; then
            started=1
            break
        fi
        # Lost the race for the port: try the next one. Any other failure is real.
        if ! grep -q 'could not bind\|Address already in use' "$dir/server.log" 2>/dev/null; then
            cat "$dir/pg_ctl.log" "$dir/server.log" >&2 2>/dev/null || true
            die "the server did not start; log above"
        fi
    done
    ((started)) || die "no free port in $first_port..$((first_port + port_attempts - 1))"
    echo "$port" >"$dir/port"

    # The Unix socket in DIR reaches the server as its superuser whoever the caller is (trust auth).
    "$bindir/psql" -X -q -h "$dir/socket" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c 'CREATE ROLE opsdeck LOGIN SUPERUSER' \
        -c 'CREATE DATABASE opsdeck_test OWNER opsdeck' >/dev/null ||
        die "could not create role opsdeck / database opsdeck_test (see $dir/server.log)"

    echo "$port"
}

stop() {
    [[ -d "$dir" ]] || return 0
    # Refuse to delete a directory this script did not create.
    [[ -e "$dir/$marker" ]] || die "$dir was not created by pg-scratch.sh; not touching it"
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        local bindir
        bindir=$(find_bindir)
        if ! as_owner "$bindir/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 >/dev/null; then
            # Do not leave a server running on a deleted data directory: the postmaster's pid is the first
            # line of postmaster.pid, and SIGQUIT is PostgreSQL's immediate shutdown.
            local pid
            pid=$(head -n1 "$dir/data/postmaster.pid" 2>/dev/null || true)
            echo "pg-scratch.sh: pg_ctl stop failed; shutting down postmaster ${pid:-?} immediately" >&2
            if [[ "$pid" =~ ^[0-9]+$ ]]; then
                kill -QUIT "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf "$dir"
}

case "$command" in
start) start ;;
stop) stop ;;
*) usage ;;
esac
