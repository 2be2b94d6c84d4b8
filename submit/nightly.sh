#!/usr/bin/env bash
# submit/nightly.sh: one night of news-etl through spark-submit, for a scheduler (cron, Airflow, Oozie, ...).
#
# Usage: submit/nightly.sh [options]
#   --master URL         Spark master: local[*], spark://host:7077, yarn, k8s://https://host:6443
#                        (default: $NEWS_ETL_MASTER, else local[*])
#   --deploy-mode MODE   client or cluster (default: $NEWS_ETL_DEPLOY_MODE, else client)
#   --conf FILE          job config with the night's input and output (HOCON, see conf/)
#                        (default: $NEWS_ETL_CONF, else conf/nightly.example.conf)
#   --run-date DATE      YYYY-MM-DD (default: yesterday in Asia/Seoul)
#   --input PATH         override the config's input ({date} = run date; @FILE = manifest of locations)
#   --output PATH        override the config's output root
#   --set KEY=VALUE      override one job config key; repeatable
#   --spark-conf K=V     extra Spark setting passed as --conf K=V; repeatable
#   --jar FILE           job jar (default: target/news-etl-<version>-spark.jar, built when missing)
#   --dry-run            print the spark-submit command and exit
#   -h, --help           this text
#
# Environment (all optional):
#   NEWS_ETL_SITE        a shell file sourced first, for site defaults of the variables below
#   SPARK_HOME           use $SPARK_HOME/bin/spark-submit; without it, org.apache.spark.deploy.SparkSubmit runs
#                        from the project's own self-contained jar, so this works on a fresh machine too
#   DRIVER_MEMORY        driver heap (default 2g); EXECUTOR_MEMORY (default 4g); EXECUTOR_CORES (default 2);
#   NUM_EXECUTORS        executors on YARN/Kubernetes (default: dynamic allocation off, 2)
#   HADOOP_CONF_DIR      Hadoop/YARN client config (core-site.xml, yarn-site.xml) for yarn and hdfs://
#   LOG4J_CONF           driver log4j2 config (default conf/log4j2.properties)
#
# Exit codes: those of the job (0 ok, 2 bad arguments, 3 input missing, 4 output not writable, 5 balance failed,
# 6 another run holds the output), or spark-submit's own.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -n "${NEWS_ETL_SITE:-}" ]]; then
  # shellcheck disable=SC1090
  source "$NEWS_ETL_SITE"
fi
# shellcheck source=java17-opens.sh
source "$here/submit/java17-opens.sh"

master="${NEWS_ETL_MASTER:-local[*]}"
deploy_mode="${NEWS_ETL_DEPLOY_MODE:-client}"
conf="${NEWS_ETL_CONF:-$here/conf/nightly.example.conf}"
run_date=""
jar=""
dry_run=0
job_args=()
spark_confs=()

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) master="$2"; shift 2 ;;
    --deploy-mode) deploy_mode="$2"; shift 2 ;;
    --conf) conf="$2"; shift 2 ;;
    --run-date) run_date="$2"; shift 2 ;;
    --input) job_args+=(--input "$2"); shift 2 ;;
    --output) job_args+=(--output "$2"); shift 2 ;;
    --set) job_args+=(--set "$2"); shift 2 ;;
    --spark-conf) spark_confs+=(--conf "$2"); shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "nightly.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -z "$run_date" ]]; then
  run_date="$(TZ=Asia/Seoul date -d yesterday +%F)"
fi
if [[ ! "$run_date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
  echo "nightly.sh: bad --run-date '$run_date': use YYYY-MM-DD" >&2; exit 2
fi
if [[ ! -f "$conf" ]]; then
  echo "nightly.sh: config file $conf does not exist (--conf or NEWS_ETL_CONF)" >&2; exit 2
fi

if [[ -z "$jar" ]]; then
  jar=$(ls "$here"/target/news-etl-*-spark.jar 2>/dev/null | head -n 1 || true)
  if [[ -z "$jar" ]]; then
    echo "nightly.sh: building the jars (mvn -q -B -DskipTests package) ..." >&2
    (cd "$here" && mvn -q -B -DskipTests package >&2)
    jar=$(ls "$here"/target/news-etl-*-spark.jar | head -n 1)
  fi
fi

log4j="${LOG4J_CONF:-$here/conf/log4j2.properties}"
# The settings every run needs (Kryo, adaptive execution, int64 timestamps, UTC, Parquet rebase mode, ...) are set
# by the job itself (io.newsetl.pipeline.Sessions), unless given here: only resources are the site's to choose.
settings=(
  --conf spark.executor.memory="${EXECUTOR_MEMORY:-4g}"
  --conf spark.executor.cores="${EXECUTOR_CORES:-2}"
  --conf spark.driver.memory="${DRIVER_MEMORY:-2g}"
)
if [[ "$master" == yarn || "$master" == k8s://* ]]; then
  settings+=(--conf spark.executor.instances="${NUM_EXECUTORS:-2}")
fi
submit_args=(--master "$master" --deploy-mode "$deploy_mode" --name "news-etl $run_date"
  --class io.newsetl.cli.NewsEtl "${settings[@]}" ${spark_confs[@]+"${spark_confs[@]}"}
  --driver-java-options "-Dlog4j2.configurationFile=$log4j"
  "$jar" run --conf "$conf" --run-date "$run_date" ${job_args[@]+"${job_args[@]}"})

if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
  cmd=("$SPARK_HOME/bin/spark-submit" "${submit_args[@]}")
else
  # No Spark distribution: the self-contained jar holds Spark's own SparkSubmit; in client mode this JVM is
  # the driver, so it gets the driver heap, the Java 17 openings and the logging config itself.
  all_jar=$(ls "$(dirname "$jar")"/news-etl-*-all.jar 2>/dev/null | head -n 1 || true)
  if [[ -z "$all_jar" ]]; then
    echo "nightly.sh: no SPARK_HOME and no news-etl-*-all.jar next to $jar: build with mvn -DskipTests package" >&2
    exit 2
  fi
  # target/lib holds the DataNucleus jars of the embedded or remote metastore client (catalog.*).
  cp="$all_jar:$(dirname "$all_jar")/lib/*${HADOOP_CONF_DIR:+:$HADOOP_CONF_DIR}"
  cmd=(java "-Xmx${DRIVER_MEMORY:-2g}" "${JAVA17_OPENS[@]}" "-Dlog4j2.configurationFile=$log4j"
    -cp "$cp" org.apache.spark.deploy.SparkSubmit "${submit_args[@]}")
fi
echo "nightly.sh: run date $run_date on $master: ${cmd[*]}" >&2
if [[ $dry_run == 1 ]]; then
  exit 0
fi
exec "${cmd[@]}"
