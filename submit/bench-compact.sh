#!/usr/bin/env bash
# Files and query time before and after `compact`, on many nights of generated data:
#   submit/bench-compact.sh --articles 30000 --compact-nights 30
# The corpus (generated once under target/bench/<articles>) is dealt round-robin to the nights, so every night
# touches most date partitions. Entities and statistics are off. The last line reads
#   bench-compact nights= articles= files_before= files_after= max_per_partition_before= max_per_partition_after=
#   query_before= query_after= rows_same=
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPARK_PROGRESS=false JAVA_OPTS="${JAVA_OPTS:--Xmx4g -XX:+UseParallelGC}" exec "$here/submit/run-local.sh" bench "$@"
