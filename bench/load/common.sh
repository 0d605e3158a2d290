# Helpers of the all-modules data set and its load benchmark (bench/dataset/generate.sh, bench/load/run.sh);
# source after bench/lib/app.sh, from the repository root.

# The bench database (one for every module; ~10 GB at SCALE=1) and the application's port.
BENCH_DB=${BENCH_DB:-crm_bench_all}
BENCH_PORT=${BENCH_PORT:-18085}
BENCH_BASE="http://127.0.0.1:$BENCH_PORT"
# Connections of the application under test carry this name, so the capture can find them.
BENCH_APP_NAME=crm-bench

# bench_classpath: prints the file holding spring-boot:run's class path, built once (SKIP_BUILD=1 reuses it).
bench_classpath() {
  local cp=crm-web/target/bench-classpath.txt
  if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -s "$cp" ]; then
    app_dev_classpath "$PWD/$cp"
  fi
  echo "$cp"
}

# bench_app_start CLASSPATH_FILE LOG DEMO(true|false) [JVM options...]: starts the application on BENCH_DB with
# a 1 GiB heap and the background jobs parked (their polls would be counted into the pages' statements);
# sets APP_STARTED to the process group and waits until it answers.
bench_app_start() {
  local cp=$1 log=$2 demo=$3
  shift 3
  setsid java -Xms1g -Xmx1g "$@" -cp "$(cat "$cp")" org.opencrm.CrmApplication \
    --server.port="$BENCH_PORT" \
    --spring.datasource.url="jdbc:postgresql://$HOST:5432/$BENCH_DB?ApplicationName=$BENCH_APP_NAME" \
    --spring.datasource.username="$DBUSER" --spring.datasource.password="${PGPASSWORD:-}" \
    --crm.demo-data.enabled="$demo" --crm.marketing.scheduler.enabled=false --crm.service.mail.scheduler-enabled=false \
    --crm.tasks.reminders.enabled=false --crm.imports.poll=PT1H --crm.mail.outbox.interval=PT1H \
    --crm.events.resubmission.interval=PT1H --crm.company.refresh-interval=PT1H --crm.health.changed-delay=PT1H \
    --crm.service.sla.scan-delay=PT1H --crm.service.appointments.reminder-poll=PT1H \
    --crm.service.mail.poll-initial-delay=PT1H --crm.tasks.reminders.poll=PT1H --crm.accounts.owner-moves.poll=PT1H \
    --crm.api.rate-limit.enabled=false >>"$log" 2>&1 &
  APP_STARTED=$!
  app_wait "$BENCH_BASE" "$APP_STARTED" "$log" 900
}

# bench_jvm_pid: the application JVM's pid (the process group leader is the java process itself).
bench_jvm_pid() { echo "$APP_STARTED"; }
