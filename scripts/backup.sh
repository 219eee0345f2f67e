#!/usr/bin/env bash
# Backs up the platform's PostgreSQL database with pg_dump in custom format (-Fc): the reform tasks,
# their step records, the ledger and reminders, and Camunda's tables, including the attachments
# (stored by Camunda in act_ge_bytearray, listed in act_hi_attachment). One file holds everything.
#
#   scripts/backup.sh [FILE]            default FILE: reform-<date>-<time>.dump in the current directory
#
# Connection through libpq's environment: PGHOST, PGPORT, PGUSER, PGPASSWORD (or ~/.pgpass),
# PGDATABASE (default: reform). PG_BIN: directory of pg_dump/pg_restore when not on PATH, e.g.
# /usr/lib/postgresql/17/bin. pg_dump must be at least the server's major version.
# With docker compose, the server's own tools: docker compose exec -T postgres pg_dump -U reform -Fc reform > FILE
set -euo pipefail

bin="${PG_BIN:+${PG_BIN%/}/}"
export PGDATABASE="${PGDATABASE:-reform}"
file="${1:-reform-$(date +%Y%m%d-%H%M%S).dump}"
partial="$file.partial"

trap 'rm -f "$partial"' EXIT
"${bin}pg_dump" --format=custom --compress=6 --file="$partial" "$PGDATABASE"
# The archive must be readable before it replaces anything: list its table of contents.
entries="$("${bin}pg_restore" --list "$partial" | grep -c ' TABLE DATA ' || true)"
if [ "$entries" -eq 0 ]; then
  echo "backup.sh: $partial holds no table data; is PGDATABASE=$PGDATABASE the platform's database?" >&2
  exit 1
fi
mv "$partial" "$file"
trap - EXIT
echo "backup.sh: $PGDATABASE -> $file ($(du -h "$file" | cut -f1), $entries tables with data)"
