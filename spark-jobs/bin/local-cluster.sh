#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the Maven-resolved jars (no Spark installation):
# one master and two workers (1 core, 2g each) on 127.0.0.1 ONLY, logs in files, stopped by PID.
#
#   bin/local-cluster.sh start                 start master + 2 workers, wait until both registered
#   bin/local-cluster.sh submit JOB-ARGS...    run ForwardGnnJob from the job jar (spark-submit path)
#   bin/local-cluster.sh stop                  stop executors, workers and master by their PIDs
#
# Environment (all optional):
#   FL_CLUSTER_DIR     state folder: pids, logs, per-worker SPARK_HOME   (default: spark-jobs/target/local-cluster)
#   FL_CLASSPATH_FILE  file holding a class path with Spark (default: resolved with mvn dependency:build-classpath)
#   FL_MASTER_PORT     master port (default 7077)
#   FL_APP_JAR         application jar (default: spark-jobs/target/forwardlearn-spark-jobs-*-job.jar; build with mvn package)
#   FL_MAIN_CLASS      main class (default org.forwardlearn.spark.ForwardGnnJob)
#   FL_SUBMIT_CONF     extra "--conf k=v ..." words for spark-submit
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${FL_CLUSTER_DIR:-$HERE/target/local-cluster}"
PORT="${FL_MASTER_PORT:-7077}"
MASTER="spark://127.0.0.1:$PORT"
export SPARK_LOCAL_IP=127.0.0.1          # loopback only, for every process started here
export SPARK_SCALA_VERSION=2.13
LOGCONF="-Dlog4j2.configurationFile=$DIR/log4j2.properties"
OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
--add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
--add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED"

classpath() {
  if [[ -n "${FL_CLASSPATH_FILE:-}" ]]; then cat "$FL_CLASSPATH_FILE"; return; fi
  if [[ ! -s "$DIR/cp.txt" ]]; then
    (cd "$HERE/.." && mvn -B -q dependency:build-classpath -pl spark-jobs -Dmdep.includeScope=compile \
        -Dmdep.outputFile="$DIR/cp.txt" >&2)
  fi
  cat "$DIR/cp.txt"
}

spark_home() {   # a SPARK_HOME that a worker accepts: RELEASE + jars/ with links to every jar (SPARK.md section 2)
  local sh="$1"; mkdir -p "$sh/jars" "$sh/work"; : > "$sh/RELEASE"
  local IFS=':'; for j in $CP; do
    [[ "$j" == *.jar && -f "$j" ]] && ln -sf "$j" "$sh/jars/$(basename "$j")"
  done
}

wait_registered() {
  for _ in $(seq 1 120); do
    n=$(grep -c "Registering worker" "$DIR/master.log" 2>/dev/null || true)
    [[ "${n:-0}" -ge 2 ]] && return 0
    for f in master worker1 worker2; do   # fail fast when a daemon died (e.g. a class path problem)
      if ! kill -0 "$(cat "$DIR/$f.pid")" 2>/dev/null; then
        echo "Expected $f (PID $(cat "$DIR/$f.pid")) to be running (got it exited); see $DIR/$f.log:" >&2
        tail -5 "$DIR/$f.log" >&2; return 1
      fi
    done
    sleep 1
  done
  echo "Expected 2 workers registered with $MASTER within 120 s (got ${n:-0}); see $DIR/*.log" >&2; return 1
}

log_config() {  # our own Log4j 2 config, so the INFO lines we wait for are logged whatever the class path holds
  cat > "$DIR/log4j2.properties" <<'L'
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
L
}

start() {
  mkdir -p "$DIR"; CP="$(classpath)"; log_config
  if [[ -f "$DIR/master.pid" ]] && kill -0 "$(cat "$DIR/master.pid")" 2>/dev/null; then
    echo "Expected no running cluster in $DIR (got master PID $(cat "$DIR/master.pid")); run stop first" >&2; exit 1
  fi
  # shellcheck disable=SC2086
  nohup java $OPENS $LOGCONF -Xmx512m -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" \
      --webui-port 0 > "$DIR/master.log" 2>&1 & echo $! > "$DIR/master.pid"
  for w in 1 2; do
    spark_home "$DIR/w$w"
    # shellcheck disable=SC2086
    SPARK_HOME="$DIR/w$w" nohup java $OPENS $LOGCONF -Xmx512m -cp "$CP" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
        --cores 1 --memory 2g --work-dir "$DIR/w$w/work" --webui-port 0 "$MASTER" > "$DIR/worker$w.log" 2>&1 &
    echo $! > "$DIR/worker$w.pid"
  done
  wait_registered
  echo "cluster up: $MASTER (logs in $DIR)"
}

submit() {
  CP="$(classpath)"
  local jar="${FL_APP_JAR:-$(ls "$HERE"/target/forwardlearn-spark-jobs-*-job.jar 2>/dev/null | head -1)}"
  [[ -f "$jar" ]] || { echo "Expected the job jar (got none); run mvn -pl spark-jobs package or set FL_APP_JAR" >&2; exit 1; }
  # shellcheck disable=SC2086
  [[ -f "$DIR/log4j2.properties" ]] || { mkdir -p "$DIR"; log_config; }
  exec java $OPENS $LOGCONF -Xmx1g -cp "$CP" org.apache.spark.deploy.SparkSubmit --master "$MASTER" \
      --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false \
      --conf "spark.executor.extraJavaOptions=$OPENS" --conf spark.executor.memory=1g ${FL_SUBMIT_CONF:-} \
      --class "${FL_MAIN_CLASS:-org.forwardlearn.spark.ForwardGnnJob}" "$jar" "$@"
}

stop_pid() {   # TERM, wait up to 10 s, then KILL: one process, by its own PID
  local pid="$1"; kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}

stop() {
  for w in 1 2; do
    f="$DIR/worker$w.pid"; [[ -f "$f" ]] || continue
    pid="$(cat "$f")"
    kids="$(pgrep -P "$pid" 2>/dev/null || true)"   # executors are the worker's children
    stop_pid "$pid"
    for k in $kids; do stop_pid "$k"; done
    rm -f "$f"
  done
  if [[ -f "$DIR/master.pid" ]]; then stop_pid "$(cat "$DIR/master.pid")"; rm -f "$DIR/master.pid"; fi
  echo "cluster stopped"
}

case "${1:-}" in
  start) start ;;
  submit) shift; submit "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 start | submit JOB-ARGS... | stop" >&2; exit 2 ;;
esac
