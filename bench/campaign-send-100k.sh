#!/usr/bin/env bash
# Times sending one e-mail campaign to N recipients (default 100,000) through the real outbox
# workers to an in-process SMTP sink, and prints recipients, workers, materialise time, send time
# and messages/second. Uses the test database server like the tests do:
#   CRM_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/postgres CRM_TEST_DB_USER=postgres \
#     bench/campaign-send-100k.sh [recipients] [threads] [batch]
# The SMTP sink (crm-marketing's test class SmtpSink) speaks just enough SMTP and keeps only a
# count and the set of recipients: GreenMail keeps every message in memory, which 100k fill.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
THREADS="${2:-4}"
BATCH="${3:-200}"
./mvnw -q -B -ntp -pl crm-marketing -am verify \
  -Dtest=CampaignSendBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcrm.bench.recipients="$N" -Dcrm.bench.threads="$THREADS" -Dcrm.bench.batch="$BATCH" >/dev/null
grep -h '^\[bench\]' crm-marketing/target/surefire-reports/org.opencrm.marketing.bench.CampaignSendBench-output.txt
