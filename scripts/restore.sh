#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh (pg_dump -Fc) into a fresh database, then prints what
# it holds so it can be compared with the source: reform tasks, step records, running process
# instances, open user tasks and attachments (with their bytes).
#
#   scripts/restore.sh FILE DATABASE    creates DATABASE (it must not exist) and restores into it
#   scripts/restore.sh --existing FILE DATABASE
#                                       restores into an existing, empty DATABASE (e.g. created by the DBA
#                                       with the platform's user as owner)
#
# Connection through libpq's environment: PGHOST, PGPORT, PGUSER, PGPASSWORD (or ~/.pgpass); the
# restored objects belong to PGUSER (--no-owner), which should be the user the platform connects as.
# PG_BIN: directory of pg_restore/createdb/psql when not on PATH. The platform must be stopped, or
# pointed at the restored database only after this script has finished.
set -euo pipefail

existing=false
if [ "${1:-}" = "--existing" ]; then
  existing=true
  shift
fi
if [ $# -ne 2 ]; then
  echo "usage: scripts/restore.sh [--existing] FILE DATABASE" >&2
  exit 2
fi
file="$1"
database="$2"
bin="${PG_BIN:+${PG_BIN%/}/}"

if [ ! -r "$file" ]; then
  echo "restore.sh: cannot read $file" >&2
  exit 1
fi
"${bin}pg_restore" --list "$file" > /dev/null

if [ "$existing" = false ]; then
  "${bin}createdb" --maintenance-db="${PGDATABASE:-postgres}" "$database"
fi
# One transaction: a failed restore leaves the database empty instead of half restored.
"${bin}pg_restore" --no-owner --exit-on-error --single-transaction --dbname="$database" "$file"
"${bin}psql" --no-psqlrc --quiet --dbname="$database" --set=ON_ERROR_STOP=1 <<'SQL'
\pset footer off
select (select count(*) from reform_task)                          as reform_tasks,
       (select count(*) from reform_task_record)                   as step_records,
       (select count(*) from act_ru_execution where parent_id_ is null) as running_instances,
       (select count(*) from act_ru_task)                          as open_user_tasks,
       (select count(*) from act_hi_attachment)                    as attachments,
       (select coalesce(sum(length(b.bytes_)), 0) from act_hi_attachment a
          join act_ge_bytearray b on b.id_ = a.content_id_)        as attachment_bytes;
SQL
echo "restore.sh: $file restored into $database. Point REFORM_DB_URL at it and start the platform."
