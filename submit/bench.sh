#!/usr/bin/env bash
# Benchmark on a generated corpus (generated once per size under --workdir, default target/bench):
#   submit/bench.sh --articles 100000            raw read limit, naive Spark job, pipeline, ground-truth check
#   submit/bench.sh --articles 1000000 --naive-max-files 20000
#   submit/bench.sh --history 1000000 --night 10000   a night's cost on an empty output and after a history of N
#                                                      articles (medians of 3 interleaved runs, fresh JVMs); last line
#   bench-history history=<N> night=<M> total=<ratio> dedup=<ratio> stats=<ratio> ... same_rows_as_scan=<bool>
# Runs with local[2], a 4 GB heap and the parallel collector (driver and executors are one JVM in local mode). The last line reads
#   bench articles=<N> b/r=<ratio> b/n=<ratio> c/b=<ratio> dup_precision=<p> dup_recall=<r> rejects_recall=<r>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPARK_PROGRESS=false JAVA_OPTS="${JAVA_OPTS:--Xmx4g -XX:+UseParallelGC}" exec "$here/submit/run-local.sh" bench "$@"
