#!/usr/bin/env bash
# Install and start a PostgreSQL server for the archive tests, then print the URL
# they read (SAYSO_TEST_POSTGRES). Debian packages; needs root. Idempotent.
# Prints nothing (and the PostgreSQL tests skip, saying why) where it cannot.
set -uo pipefail

log() { echo "postgres: $*" >&2; }

if [ "$(id -u)" != 0 ]; then
  log "not root: cannot install or start PostgreSQL here; its tests will skip"
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq postgresql; } >/dev/null 2>&1 \
    || { log "apt-get install postgresql failed; its tests will skip"; exit 0; }
fi
version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ -z "$version" ]; then
  log "no PostgreSQL server binaries found; its tests will skip"
  exit 0
fi
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null 2>&1 || true
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
psql_as_postgres() { su postgres -c "psql -p $port -qtAc \"$1\""; }
if ! psql_as_postgres "select 1" >/dev/null 2>&1; then
  log "the server did not start; its tests will skip"
  exit 0
fi
[ "$(psql_as_postgres "select 1 from pg_roles where rolname = 'sayso'")" = 1 ] \
  || psql_as_postgres "create role sayso login password 'sayso'" >/dev/null
[ "$(psql_as_postgres "select 1 from pg_database where datname = 'sayso_test'")" = 1 ] \
  || psql_as_postgres "create database sayso_test owner sayso" >/dev/null
echo "postgresql+psycopg://sayso:sayso@127.0.0.1:$port/sayso_test"
