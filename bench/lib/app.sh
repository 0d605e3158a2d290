# Start-up helpers the bench scripts share; source it from the repository root
# (`. bench/lib/app.sh`). Every app a script starts runs in its own process group (setsid), so
# stopping it also stops what it forked (spring-boot:run forks the application JVM).

# pg_target "$@": sets HOST and DBUSER from psql's -h / -U options (defaults: PGHOST, PGUSER,
# 127.0.0.1, postgres), so the app connects where psql does.
pg_target() {
  HOST=${PGHOST:-127.0.0.1}
  DBUSER=${PGUSER:-postgres}
  local i j
  for ((i = 1; i <= $#; i++)); do
    case "${!i}" in
      -h) j=$((i + 1)); HOST=${!j} ;;
      -U) j=$((i + 1)); DBUSER=${!j} ;;
    esac
  done
}

# app_wait BASE PID LOG [SECONDS]: waits until BASE/login answers; exits 3 when the process
# group PID leads died first or the time (default 300 s) ran out.
app_wait() {
  local base=$1 pid=$2 log=$3 limit=${4:-300}
  for _ in $(seq 1 "$limit"); do
    if curl -fs -o /dev/null "$base/login"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "app did not start, see $log" >&2; exit 3; fi
    sleep 1
  done
  echo "app did not answer within $limit s, see $log" >&2
  exit 3
}

# app_stop PID [SIGNAL]: stops the process group PID leads (TERM unless told: KILL for a crash).
app_stop() {
  local pid=$1 signal=${2:-TERM}
  [ -n "$pid" ] || return 0
  kill "-$signal" -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# app_login BASE USER COOKIE_JAR: signs USER (password "demo") in through the login form, the
# CSRF token read from the login page; the session cookie lands in COOKIE_JAR.
app_login() {
  local base=$1 user=$2 jar=$3 token
  token=$(curl -fs -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=$user" --data-urlencode "password=demo" \
    --data-urlencode "_csrf=$token" "$base/login"
}

# csrf_of BASE PATH COOKIE_JAR: the CSRF token of a page, for posting its forms with curl.
csrf_of() {
  curl -fs -b "$3" -c "$3" "$1$2" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1
}

# app_jar: builds the application jar once (tests skipped) and prints its path.
app_jar() {
  ./mvnw -q -B -ntp -pl crm-web -am package -DskipTests -Dspring-javaformat.skip=true >&2
  ls crm-web/target/crm-web-*.jar | grep -v -- '-plain\|sources' | head -1
}

# app_dev_classpath FILE: writes the class path spring-boot:run would use (the embedded database and mail
# server included, which the packaged jar leaves out) to FILE, from this checkout's built modules.
app_dev_classpath() {
  ./mvnw -q -B -ntp -pl crm-web -am package dependency:build-classpath -DskipTests -Dspring-javaformat.skip=true \
    -Dmdep.outputFile="$1" -DincludeScope=runtime >&2
  printf '%s:%s' "$PWD/crm-web/target/classes" "$(cat "$1")" > "$1"
}

# app_start_dev CLASSPATH_FILE LOG ARGS...: starts the application as spring-boot:run would (the embedded
# default when no database URL is given) in one JVM of its own process group, so kill -9 hits the application
# itself; sets APP_STARTED to its pid.
app_start_dev() {
  local cp=$1 log=$2
  shift 2
  setsid java -cp "$(cat "$cp")" org.opencrm.CrmApplication "$@" >>"$log" 2>&1 &
  APP_STARTED=$!
}

# app_start_jar JAR LOG ARGS...: starts java -jar JAR ARGS in its own process group, output to LOG;
# sets APP_STARTED to its pid.
app_start_jar() {
  local jar=$1 log=$2
  shift 2
  setsid java -jar "$jar" "$@" >>"$log" 2>&1 &
  APP_STARTED=$!
}
