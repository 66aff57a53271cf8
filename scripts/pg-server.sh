#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for tests: a fresh cluster in a temp dir,
# listening on 127.0.0.1:<port> only, trust authentication (local test use only).
#   scripts/pg-server.sh start <port>   prints the data dir on stdout
#   scripts/pg-server.sh stop <datadir> stops that cluster (only the one we started) and removes it
set -euo pipefail
BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
if [[ -z "$BIN" || ! -x "$BIN/initdb" ]]; then
  echo "Hittar ingen PostgreSQL (initdb). Installera den med: sudo apt-get install -y postgresql" >&2
  exit 1
fi
# initdb refuses to run as root: run the server as the postgres user then.
as_owner() {
  if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-}" in
  start)
    port="${2:?port}"
    dir="$(mktemp -d /tmp/kf-pg-XXXXXX)"
    [[ "$(id -u)" == "0" ]] && chown postgres: "$dir"
    as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # Test settings: durability off (the data is thrown away), enough connections for parallel test files.
    as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir"
    ;;
  stop)
    dir="${2:?datadir}"
    [[ "$dir" == /tmp/kf-pg-* ]] || { echo "vägrar: $dir" >&2; exit 1; }
    as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "användning: $0 start <port> | stop <datadir>" >&2
    exit 2
    ;;
esac
