#!/usr/bin/env bash
# Builds the fuzz target and runs one niced AFL++ instance on it for a fixed time, then prints the
# figures recorded in tests/fuzz/README.md.
#
#   bash tests/fuzz/run.sh [SECONDS] [BUILD_DIR]   (defaults: 1800 s, build-fuzz)
#
# Findings land in BUILD_DIR/fuzz-out/<UTC time>/default/{crashes,hangs}. Reproduce one with
#   BUILD_DIR/tests/fuzz/schemac_fuzz_parse FILE
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-1800}
build_dir=$(realpath -m "${2:-$root/build-fuzz}")

binary=$(bash "$root/tests/fuzz/build.sh" "$build_dir" | tail -n 1)
[ -x "$binary" ] || { echo "fuzz run: no fuzz binary at $binary" >&2; exit 1; }

# Seeds: the hand-written ones, every example and test schema file, and saved findings (so a
# fixed bug stays fixed). Small files only: AFL mutates slowly on large inputs.
seeds="$build_dir/fuzz-seeds"
rm -rf "$seeds" && mkdir -p "$seeds"
n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  cp "$file" "$seeds/$(printf '%04d' "$n")-$(basename "$file")"
done < <(find "$root/examples" "$root/tests" \
              \( -path "$root/tests/fuzz/seeds/*" -o -name '*.schema' -o -path '*/findings-*/*' \) \
              -type f -size -64k ! -name README.txt -print0 | sort -z)
echo "fuzz run: $n seed files"

out="$build_dir/fuzz-out/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

# AFL_SKIP_CPUFREQ / AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES: containers cannot tune the CPU
# governor or core_pattern; neither affects what is found. -t: generous per-input timeout so only
# true hangs count under ASan.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
nice -n 10 timeout --signal=INT $((seconds + 120)) \
  afl-fuzz -V "$seconds" -t 2000 -i "$seeds" -o "$out" -x "$root/tests/fuzz/schema.dict" -- "$binary" \
  > "$out/afl-fuzz.log" 2>&1 || true

stats="$out/default/fuzzer_stats"
[ -f "$stats" ] || { tail -n 30 "$out/afl-fuzz.log" >&2; echo "fuzz run: afl-fuzz did not start" >&2; exit 1; }
echo "fuzz run: output in $out"
grep -E '^(start_time|last_update|run_time|execs_done|execs_per_sec|corpus_count|corpus_found|bitmap_cvg|edges_found|total_edges|saved_crashes|saved_hangs|stability) ' "$stats"
crashes=$(find "$out/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
hangs=$(find "$out/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "fuzz run: $crashes crash(es), $hangs hang(s)"
