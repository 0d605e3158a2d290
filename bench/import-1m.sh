#!/usr/bin/env bash
# Times a CSV import of N contacts (default 1,000,000; 1% with a broken e-mail) through the import
# wizard's engine — upload into import_chunks, batched run through ContactService — and prints
# rows/s of upload and run and the JVM's peak heap. The file is generated as it is read, so the
# heap figure is the importer's. Uses the test database server like the tests do:
#   CRM_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/postgres CRM_TEST_DB_USER=postgres \
#     bench/import-1m.sh [rows] [max-heap, e.g. 256m]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
HEAP="${2:-256m}"
./mvnw -q -B -ntp -pl crm-core -am verify \
  -Dtest=ImportBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx$HEAP -Dcrm.bench.rows=$N" >/dev/null
grep -h '^\[bench\]' crm-core/target/surefire-reports/org.opencrm.core.imports.ImportBench-output.txt
