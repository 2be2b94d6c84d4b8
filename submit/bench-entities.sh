#!/usr/bin/env bash
# The cost of entity tagging and statistics in the nightly job, each run in a fresh JVM (no warm-up carried from
# one phase to the next): (b) the job without entities and statistics, (c) the full job, on one generated corpus,
# interleaved b c b c ..., then the medians.
#
#   submit/bench-entities.sh --articles 100000 [--runs 3] [--phases b,c] [--jar JAR] [--workdir DIR]
#
# --jar measures another build's jar (e.g. the previous release's) on the same corpus and settings. Each run prints
# the job's own "seconds" line (stages and total); the last line reads
#   bench-entities articles=<N> runs=<R> b=<median s> c=<median s> c/b=<b/c, the throughput of (c) relative to (b)>
# Environment: JAVA_OPTS (default -Xmx4g -XX:+UseParallelGC, as submit/bench.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
# shellcheck source=java17-opens.sh
source submit/java17-opens.sh
articles=100000 runs=3 phases=b,c jar="" workdir=target/bench-entities
while [[ $# -gt 0 ]]; do
  case "$1" in
    --articles) articles=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --phases) phases=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
if [[ -z "$jar" ]]; then
  submit/run-local.sh --version >/dev/null   # builds the jar when the sources are newer
  jar=$(ls target/news-etl-*-all.jar | head -n 1)
fi
# shellcheck disable=SC2206
java=(java ${JAVA_OPTS:--Xmx4g -XX:+UseParallelGC} "${JAVA17_OPENS[@]}" -Dlog4j.configurationFile=conf/log4j2.properties -jar "$jar")
corpus="$workdir/$articles"
if [[ ! -f "$corpus/truth.tsv" ]]; then
  "${java[@]}" generate --articles "$articles" --output "$corpus"
fi
declare -A totals
for ((i = 1; i <= runs; i++)); do
  for p in ${phases//,/ }; do
    sets=()
    [[ "$p" == b ]] && sets=(--set entities.enabled=false --set stats.enabled=false)
    out="$workdir/out-$p"
    rm -rf "$out"
    line=$("${java[@]}" run --input "$corpus/corpus" --output "$out" --run-date 2018-12-31 "${sets[@]}" 2>/dev/null \
      | grep -E '^\s*seconds ' | sed 's/^ *//')
    echo "run $i ($p): $line"
    totals[$p]+="$(sed -E 's/.*\(total ([0-9.]+).*/\1/' <<<"$line") "
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
b=$(median "${totals[b]:-}") c=$(median "${totals[c]:-}")
ratio=n/a
[[ -n "$b" && -n "$c" ]] && ratio=$(awk -v b="$b" -v c="$c" 'BEGIN {printf "%.3f", b / c}')
echo "bench-entities articles=$articles runs=$runs b=${b:-n/a} c=${c:-n/a} c/b=$ratio"
