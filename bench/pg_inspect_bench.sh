#!/usr/bin/env bash
# schemac inspect vs `pg_dump --schema-only` on a 1,000-table PostgreSQL database (20 columns,
# 2 indexes and 1 foreign key per table), on the server of SCHEMAC_TEST_PG_URL (a throwaway one:
# scripts/pg-server.sh start DIR). Creates database schemac_bench_inspect, times RUNS runs of each
# (alternating) and prints min / median / mean wall time in ms, then drops the database.
#
#   SCHEMAC_TEST_PG_URL=postgres://... bash bench/pg_inspect_bench.sh BUILD_DIR [RUNS]
set -euo pipefail

build_dir=$(cd "$1" && pwd)
runs=${2:-5}
url=${SCHEMAC_TEST_PG_URL:?SCHEMAC_TEST_PG_URL is not set}
schemac="$build_dir/cli/schemac"
[ -x "$schemac" ] || { echo "pg_inspect_bench: $schemac is not built" >&2; exit 1; }
tables=${SCHEMAC_BENCH_TABLES:-1000}

base=${url%%\?*}
base=${base%/*}
db_url="$base/schemac_bench_inspect"

PGOPTIONS="-c client_min_messages=warning" psql -q -X -v ON_ERROR_STOP=1 "$url" -c "DROP DATABASE IF EXISTS schemac_bench_inspect" -c "CREATE DATABASE schemac_bench_inspect"
trap 'psql -q -X "$url" -c "DROP DATABASE IF EXISTS schemac_bench_inspect" >/dev/null 2>&1 || true' EXIT
{
  echo "BEGIN;"
  for ((i = 0; i < tables; i++)); do
    cols="id bigint primary key, parent_id bigint references t$((i > 0 ? i - 1 : 0))(id)"
    for ((c = 2; c < 20; c++)); do
      case $((c % 4)) in
        0) cols="$cols, c$c integer not null default 0" ;;
        1) cols="$cols, c$c text" ;;
        2) cols="$cols, c$c varchar(100)" ;;
        3) cols="$cols, c$c timestamptz default now()" ;;
      esac
    done
    echo "CREATE TABLE t$i ($cols);"
    echo "CREATE INDEX t${i}_parent_idx ON t$i (parent_id);"
    echo "CREATE INDEX t${i}_c2_c3_idx ON t$i (c2, c3);"
  done
  echo "COMMIT;"
} | psql -q -X -v ON_ERROR_STOP=1 "$db_url" >/dev/null

source "$(dirname "$0")/wall_time.sh"

echo "database: $tables tables x 20 columns, 2 indexes, 1 foreign key each"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$schemac" inspect --url "$db_url" --format json >/dev/null  # warm the catalog caches
pg_dump --schema-only "$db_url" >/dev/null
# The two tools take turns, run by run, so that a change in the machine's load (it is shared)
# falls on both alike.
schemac_times=()
pg_dump_times=()
for ((r = 0; r < runs; r++)); do
  schemac_times+=("$(time_ms "$schemac" inspect --url "$db_url" --format json)")
  pg_dump_times+=("$(time_ms pg_dump --schema-only "$db_url")")
done
echo "schemac inspect --url $db_url --format json: $(printf '%s\n' "${schemac_times[@]}" | stats)"
echo "pg_dump --schema-only $db_url: $(printf '%s\n' "${pg_dump_times[@]}" | stats)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
