#!/usr/bin/env bash
# Runs every benchmark built in BUILD_DIR (configure with -DSCHEMAC_BUILD_BENCH=ON, Release) and
# prints the figures, after a header describing the machine, for bench/RESULTS.md.
#
#   bash bench/run.sh BUILD_DIR [extra Google Benchmark flags...]
#
# JSON copies of every run go to BUILD_DIR/bench-results/<benchmark>.json.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR [benchmark flags...]" >&2
  exit 2
fi
build_dir=$(cd "$1" && pwd)
shift
repo_root=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo_root"

build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
echo "date:       $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:     $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "machine:    $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
     "$(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
echo "build type: ${build_type:-unknown}"
echo "load:       $(cut -d " " -f 1-3 /proc/loadavg) (1/5/15 min load average; figures are CPU time under it)"
if [ "${build_type}" != "Release" ]; then
  echo "warning: not a Release build; figures are not comparable with RESULTS.md" >&2
fi
echo

results_dir="$build_dir/bench-results"
mkdir -p "$results_dir"
ran=0
for name in parse_bench parse_floor_bench plan_bench inspect_bench memory_db_bench fingerprint_bench; do
  binary="$build_dir/bench/$name"
  if [ ! -x "$binary" ]; then
    echo "== $name: not built (the stage it measures is not in this build)"
    continue
  fi
  echo "== $name"
  "$binary" --benchmark_out="$results_dir/$name.json" --benchmark_out_format=json "$@"
  echo
  ran=$((ran + 1))
done

# Hook: server inspect benchmarks (PostgreSQL / MariaDB vs their dump tools). When
# bench/server_inspect_bench.cpp exists and is built, start throwaway servers here with
# scripts/pg-server.sh and scripts/mariadb-server.sh, export SCHEMAC_BENCH_PG_URL and
# SCHEMAC_BENCH_MYSQL_URL, run it, and stop the servers on exit (see scripts/run-tests.sh).
if [ -x "$build_dir/bench/server_inspect_bench" ]; then
  echo "== server_inspect_bench: built, but bench/run.sh does not start servers for it yet" >&2
fi

# PostgreSQL: schemac inspect vs pg_dump --schema-only on 1,000 tables, on the throwaway server of
# SCHEMAC_TEST_PG_URL (scripts/pg-server.sh start DIR); skipped without it.
if [ -n "${SCHEMAC_TEST_PG_URL:-}" ] && [ -x "$build_dir/cli/schemac" ]; then
  echo "== pg_inspect_bench (schemac inspect vs pg_dump --schema-only)"
  bash "$repo_root/bench/pg_inspect_bench.sh" "$build_dir"
  echo
  ran=$((ran + 1))
fi

# MariaDB: schemac inspect vs mariadb-dump --no-data on 1,000 tables, on the throwaway server of
# SCHEMAC_TEST_MYSQL_URL (scripts/mariadb-server.sh start DIR); skipped without it.
if [ -n "${SCHEMAC_TEST_MYSQL_URL:-}" ] && [ -x "$build_dir/cli/schemac" ]; then
  echo "== mysql_inspect_bench (schemac inspect vs mariadb-dump --no-data)"
  bash "$repo_root/bench/mysql_inspect_bench.sh" "$build_dir"
  echo
fi

[ "$ran" -gt 0 ] || { echo "no benchmark was built in $build_dir" >&2; exit 1; }
