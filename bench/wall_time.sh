# Wall-time measurement shared by the server inspect benchmarks. Source it, then:
#   measure LABEL RUNS CMD...   prints "LABEL: min X ms, median Y ms, mean Z ms (N runs)"

# time_ms CMD...: one run's wall time in ms on stdout.
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# stats: min / median / mean of the numbers on stdin, one a line.
stats() {
  sort -n | awk '{ a[NR] = $1; s += $1 } END { printf "min %d ms, median %d ms, mean %.0f ms (%d runs)\n", a[1], a[int((NR + 1) / 2)], s / NR, NR }'
}

measure() {
  local label=$1 runs=$2 r
  shift 2
  echo "$label: $(for ((r = 0; r < runs; r++)); do time_ms "$@"; done | stats)"
}
