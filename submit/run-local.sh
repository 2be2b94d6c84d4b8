#!/usr/bin/env bash
# Run any news-etl command locally with embedded Spark (local[*]), building the jar first if needed.
#
#   submit/run-local.sh                      run the job on the sample corpus in src/sample/corpus
#                                            (output: target/sample-output, run date 2018-05-30)
#   submit/run-local.sh run --input PATH --output PATH [--run-date YYYY-MM-DD] [--conf FILE] [--set k=v ...]
#   submit/run-local.sh sql "SELECT ..."     query the tables through the catalog (default: the sample run's,
#                                            target/sample-output; --output PATH for another local output)
#   submit/run-local.sh --help               list commands and options
#
# Environment:
#   JAVA_OPTS     extra JVM options (default: -Xmx4g -XX:+UseParallelGC: a batch job on few cores gains more
#                 from the throughput collector than from G1's short pauses; about 10% of a 100k-file run here)
#   LOG4J_CONF    log4j2 configuration (default: conf/log4j2.properties)
#   REBUILD=1     rebuild the jar even when it is up to date
#   SPARK_PROGRESS=false   no console progress bar (default: shown)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
# shellcheck source=java17-opens.sh
source submit/java17-opens.sh

jar=$(ls target/news-etl-*-all.jar 2>/dev/null | head -n 1 || true)
newest_src=$(find pom.xml src/main conf/news-etl-defaults.conf -type f -newer "${jar:-pom.xml}" 2>/dev/null | head -n 1 || true)
if [[ -z "$jar" || -n "$newest_src" || "${REBUILD:-0}" == 1 ]]; then
  echo "news-etl: building the jar (mvn -q -B -DskipTests package) ..." >&2
  mvn -q -B -DskipTests package >&2
  jar=$(ls target/news-etl-*-all.jar | head -n 1)
fi

if [[ $# -eq 0 ]]; then
  set -- run --input src/sample/corpus --output target/sample-output --run-date 2018-05-30
elif [[ "$1" == sql && " $* " != *" --output "* && " $* " != *"metastore-uri"* ]]; then
  # The tables of the sample run unless told otherwise: its embedded catalog is under target/sample-output.
  shift
  set -- sql --output target/sample-output "$@"
elif [[ "$1" == --* && "$1" != --help && "$1" != -h && "$1" != --version && "$1" != -V ]]; then
  set -- run "$@"
fi

# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx4g -XX:+UseParallelGC} "${JAVA17_OPENS[@]}" \
  -Dlog4j2.configurationFile="${LOG4J_CONF:-$here/conf/log4j2.properties}" -Dspark.ui.showConsoleProgress="${SPARK_PROGRESS:-true}" \
  -cp "$jar:$(dirname "$jar")/lib/*" io.newsetl.cli.NewsEtl "$@"
