#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the test suite and print its URL.
# Idempotent: a server already running from an earlier call is reused.
# Needs Debian's postgresql package (initdb and pg_ctl under /usr/lib/postgresql/*/bin).
set -euo pipefail

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PGBIN" ]; then
  echo "start_test_postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
PORT=${SITREPS_TEST_PG_PORT:-54329}
DATA=${SITREPS_TEST_PG_DATA:-/tmp/sitreps-test-pg}
RUNAS=postgres
id "$RUNAS" >/dev/null 2>&1 || RUNAS=$(id -un)
as_pg() { if [ "$(id -un)" = "$RUNAS" ]; then "$@"; else runuser -u "$RUNAS" -- "$@"; fi; }

if [ ! -s "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  chown "$RUNAS" "$DATA"
  as_pg "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 >/dev/null
fi
if ! as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA -c fsync=off" \
    start >/dev/null
fi
if ! as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='sitreps_test'" | grep -q 1; then
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres sitreps_test
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/sitreps_test"
