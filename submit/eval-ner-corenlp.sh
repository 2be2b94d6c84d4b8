#!/usr/bin/env bash
# Score our entity tagger and Stanford CoreNLP 4.5.10 (english.conll.4class.distsim) side by side on a CoNLL file.
#
#   submit/eval-ner-corenlp.sh --gold ../shared/data/conll2003/eng.testb [other eval-ner options]
#
# CoreNLP is GPL, so it never enters the job's jars: this script compiles the test classes with the `corenlp`
# Maven profile (which adds CoreNLP's 470 MB models jar, downloaded once into ~/.m2) and runs
# `eval-ner --compare corenlp` on that classpath. Both taggers run on one thread; the last line is ours.
#
# Environment: JAVA_OPTS (default -Xmx4g).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -B -Pcorenlp -DskipTests test-compile >&2
mvn -q -B -Pcorenlp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/corenlp.classpath >&2
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx4g} -cp "target/classes:target/test-classes:$(cat target/corenlp.classpath)" \
  io.newsetl.cli.NewsEtl eval-ner --compare corenlp "$@"
