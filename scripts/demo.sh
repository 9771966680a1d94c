#!/usr/bin/env bash
# The quick-start tour: validate and format-check the example schema, plan it against a fresh
# SQLite database, apply it, and plan again to show that nothing is left to do.
#
#   scripts/demo.sh BUILD_DIR
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
repo_root=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo_root"
build_dir=$1
schemac="$build_dir/cli/schemac"
if [ ! -x "$schemac" ]; then
  echo "demo: $schemac not found; build first (make build)" >&2
  exit 1
fi

demo_dir="$build_dir/demo"
database="$demo_dir/shop.db"
url="sqlite://$database"

# Each command is echoed before it runs (in bold on a terminal).
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"; "$@"; }

# A fresh, empty database every run. `plan` never creates a missing database file (a typo in a
# URL must not plan against nothing), so the demo creates the empty file itself: an empty file is
# an empty SQLite database.
rm -rf "$demo_dir"
mkdir -p "$demo_dir"
: >"$database"

step "$schemac" validate examples/shop
step "$schemac" fmt --check examples/shop
step "$schemac" plan --from "$url" --to examples/shop
step "$schemac" apply --url "$url" --to examples/shop --auto-approve
step "$schemac" plan --from "$url" --to examples/shop
