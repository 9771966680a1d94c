#!/usr/bin/env bash
# Builds the AFL++ fuzz target (tests/fuzz/fuzz_parse_main.cpp) with ASan + UBSan in its own build
# directory, the whole tree compiled by afl-g++-fast (GCC plugin mode) so the parser is
# instrumented. Normal builds are unaffected.
#
#   bash tests/fuzz/build.sh [BUILD_DIR]      (default: build-fuzz at the top of the tree)
#
# Prints the path of the fuzz binary on its last line.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$(realpath -m "${1:-$root/build-fuzz}")

bash "$root/scripts/install-deps.sh"
bash "$root/scripts/install-fuzz-deps.sh"
mkdir -p "$build_dir"

# Debian's afl-gcc-pass.so may have been built by a different Debian revision of the same GCC
# release and then refuses to load. Probe it; if it refuses, bridge it with the shim (see
# afl_gcc_plugin_shim.cpp) in an AFL_PATH of our own that links everything else to the stock one.
probe_dir=$(mktemp -d)
trap 'rm -rf "$probe_dir"' EXIT
echo 'int main() { return 0; }' > "$probe_dir/probe.cpp"
if ! AFL_QUIET=1 afl-g++-fast "$probe_dir/probe.cpp" -o "$probe_dir/probe" >"$probe_dir/log" 2>&1; then
  afl_path="$build_dir/afl-path"
  echo "fuzz build: stock AFL++ GCC plugin refused to load; using the version shim in $afl_path"
  mkdir -p "$afl_path"
  for file in /usr/lib/afl/*; do ln -sfn "$file" "$afl_path/"; done
  rm -f "$afl_path/afl-gcc-pass.so"
  g++ -shared -fPIC -fno-rtti -O2 -I"$(g++ -print-file-name=plugin)/include" \
      "$root/tests/fuzz/afl_gcc_plugin_shim.cpp" -o "$afl_path/afl-gcc-pass.so" -ldl
  export AFL_PATH="$afl_path"
  if ! AFL_QUIET=1 afl-g++-fast "$probe_dir/probe.cpp" -o "$probe_dir/probe" >"$probe_dir/log" 2>&1; then
    cat "$probe_dir/log" >&2
    echo "fuzz build: afl-g++-fast does not work even with the shim" >&2
    exit 1
  fi
fi
export AFL_QUIET=1

# -fno-sanitize-recover: undefined behaviour aborts, so AFL records it as a crash.
cmake -S "$root" -B "$build_dir" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=afl-g++-fast \
  -DCMAKE_CXX_FLAGS="-fno-sanitize-recover=all" \
  -DSCHEMAC_SANITIZE=ON \
  -DSCHEMAC_BUILD_FUZZ=ON >/dev/null
cmake --build "$build_dir" --target schemac_fuzz_parse -j2
echo "$build_dir/tests/fuzz/schemac_fuzz_parse"
