#!/usr/bin/env bash
# Times a CSV import of N contacts (default 1,000,000; 1% with a broken e-mail) through the import
# wizard's engine — upload into import_chunks, batched run through ContactService — and prints
# rows/s of upload and run and the JVM's peak heap. The file is generated as it is read, so the
# heap figure is the importer's. Uses the test database server like the tests do (a fresh database
# per run, dropped afterwards):
#   CRM_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/postgres CRM_TEST_DB_USER=postgres \
#     bench/import-1m.sh [rows] [max-heap, e.g. 256m]
# The load average before and after is printed too: on a shared machine the figures are only as
# good as the quiet around them. MVN_OFFLINE= (empty) lets Maven download what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
HEAP="${2:-256m}"
LOG="crm-core/target/import-bench-maven.log"
REPORT="crm-core/target/surefire-reports/org.opencrm.core.imports.ImportBench-output.txt"
mkdir -p crm-core/target
rm -f "$REPORT"
echo "[bench] rows=$N heap=$HEAP load before: $(uptime)"
# Not -q: a failed build's reason must be in the log, which is printed when it fails.
if ! ./mvnw -B -ntp ${MVN_OFFLINE--o} -pl crm-core -am verify \
  -Dtest=ImportBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx$HEAP -Dcrm.bench.rows=$N" >"$LOG" 2>&1; then
  echo "[bench] the build failed; the end of $LOG:" >&2
  tail -n 60 "$LOG" >&2
  exit 1
fi
echo "[bench] load after: $(uptime)"
if ! grep -h '^\[bench\]' "$REPORT"; then
  echo "[bench] no figures in $REPORT; the end of $LOG:" >&2
  tail -n 60 "$LOG" >&2
  exit 1
fi
