#!/usr/bin/env bash
# schemac inspect vs `mariadb-dump --no-data` on a 1,000-table MariaDB database (20 columns,
# 2 indexes and 1 foreign key per table), on the server of SCHEMAC_TEST_MYSQL_URL (a throwaway
# one: scripts/mariadb-server.sh start DIR). Creates database schemac_bench_inspect, times RUNS
# runs of each, one after the other in the same run, and prints min / median / mean wall time in
# ms, then drops the database.
#
#   SCHEMAC_TEST_MYSQL_URL=mysql://... bash bench/mysql_inspect_bench.sh BUILD_DIR [RUNS]
set -euo pipefail

build_dir=$(cd "$1" && pwd)
runs=${2:-5}
url=${SCHEMAC_TEST_MYSQL_URL:?SCHEMAC_TEST_MYSQL_URL is not set}
schemac="$build_dir/cli/schemac"
[ -x "$schemac" ] || { echo "mysql_inspect_bench: $schemac is not built" >&2; exit 1; }
tables=${SCHEMAC_BENCH_TABLES:-1000}
database=schemac_bench_inspect

# mysql://user[:password]@host[:port]/[db][?...] -> client flags.
rest=${url#*://}
rest=${rest%%\?*}
authority=${rest%%/*}
userinfo=root
if [[ $authority == *@* ]]; then userinfo=${authority%@*}; authority=${authority##*@}; fi
user=${userinfo%%:*}
password=
[[ $userinfo == *:* ]] && password=${userinfo#*:}
host=${authority%%:*}
port=3306
[[ $authority == *:* ]] && port=${authority##*:}
client_flags=(--protocol=TCP -h "$host" -P "$port" -u "$user")
[ -n "$password" ] && client_flags+=("-p$password")
db_url="mysql://${userinfo}@${authority}/$database"

sql() { mariadb "${client_flags[@]}" "$@"; }
sql -e "DROP DATABASE IF EXISTS $database; CREATE DATABASE $database"
trap 'mariadb "${client_flags[@]}" -e "DROP DATABASE IF EXISTS '"$database"'" >/dev/null 2>&1 || true' EXIT
{
  for ((i = 0; i < tables; i++)); do
    cols="id bigint primary key, parent_id bigint"
    for ((c = 2; c < 20; c++)); do
      case $((c % 4)) in
        0) cols="$cols, c$c int not null default 0" ;;
        1) cols="$cols, c$c text" ;;
        2) cols="$cols, c$c varchar(100)" ;;
        3) cols="$cols, c$c timestamp null default current_timestamp" ;;
      esac
    done
    echo "CREATE TABLE t$i ($cols, KEY t${i}_parent_idx (parent_id), KEY t${i}_c2_c3_idx (c2, c3)," \
         "CONSTRAINT t${i}_parent_fk FOREIGN KEY (parent_id) REFERENCES t$((i > 0 ? i - 1 : 0)) (id)) ENGINE=InnoDB;"
  done
} | sql "$database"

source "$(dirname "$0")/wall_time.sh"

dump=(mariadb-dump "${client_flags[@]}" --no-data "$database")
echo "database: $tables tables x 20 columns, 2 indexes, 1 foreign key each; client: $(mariadb --version)"
# Warm the dictionary caches, and check that inspect sees every table and foreign key: a fast
# failure must not pass for a fast inspect.
inspected=$("$schemac" inspect --url "$db_url")
seen_tables=$(grep -c '^table ' <<<"$inspected" || true)
seen_fks=$(grep -c 'references t' <<<"$inspected" || true)
if [ "$seen_tables" != "$tables" ] || [ "$seen_fks" != "$tables" ]; then
  echo "mysql_inspect_bench: inspect saw $seen_tables tables and $seen_fks foreign keys, not $tables" >&2
  exit 1
fi
"${dump[@]}" >/dev/null
measure "schemac inspect --url $db_url --format json" "$runs" "$schemac" inspect --url "$db_url" --format json
measure "mariadb-dump --no-data $database" "$runs" "${dump[@]}"
