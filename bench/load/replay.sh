#!/usr/bin/env bash
# Step 4 of bench/load/run.sh, runnable on its own: PostgreSQL alone on each page's captured statements.
#
#   bench/load/replay.sh OUT -h 127.0.0.1 -U postgres      (OUT: a run's output folder, with sql/PAGE.sql)
#   knobs: CONCURRENCY='1 8 32' PG_DURATION=10 PAGES='…' (default: the run's pages.txt)
#
# pgbench replays the script (the page's statements in order, parameters as literals) with as many clients as
# the app had users, for PG_DURATION s: its "tps" is page sets per second. Simple query protocol: pgbench's
# extended mode takes the ":MI" of a to_char format for a variable. Every statement is parsed and planned each
# time, which the app's statements are NOT once pgjdbc prepares them (5th run) and PostgreSQL caches a plan:
# the dashboard's set is 89 page sets/s planned every run vs 176 planned once (stop 32); prepared_replay.py
# replays with parameters kept, so app ÷ this column flatters the app wherever its plans are cached. Appends {"kind":"pg"} lines to OUT/results.jsonl.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/app.sh
. bench/load/common.sh
OUT=$1
shift
pg_target "$@"
CONCURRENCY=${CONCURRENCY:-1 8 32}
PG_DURATION=${PG_DURATION:-10}
pages=$(cut -d'|' -f1 "$OUT/pages.txt")
[ -n "${PAGES:-}" ] && pages=$PAGES
for c in $CONCURRENCY; do
  for name in $pages; do
    j=$((c < 2 ? 1 : 2))
    tps=$(pgbench -n -M simple -c "$c" -j "$j" -T "$PG_DURATION" -f "$OUT/sql/$name.sql" -h "$HOST" -U "$DBUSER" "$BENCH_DB" \
      2>"$OUT/sql/$name.pgbench-$c.err" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1 || true)
    echo "{\"kind\":\"pg\",\"page\":\"$name\",\"c\":$c,\"tps\":${tps:-null},\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >>"$OUT/results.jsonl"
    echo "[replay] pgbench $name c=$c: ${tps:-failed} page sets/s"
  done
done
