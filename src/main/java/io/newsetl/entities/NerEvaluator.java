package io.newsetl.entities;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.util.Span;

/**
 * Scores a tagger on CoNLL documents the way it runs on articles: each document's tokens are written out as text
 * (tokens separated by spaces, one sentence per line), the tagger tokenises and tags that text, and its character
 * spans are mapped back to the gold tokens. A predicted entity whose edges do not fall on gold token edges counts as
 * wrong. Timing covers tokenisation and tagging on the calling thread.
 *
 * <pre>{@code
 * NerEvaluator.Result r = NerEvaluator.evaluate(ConllCorpus.read(Path.of("eng.testb")), text -> tagger.modelSpans(text));
 * r.score().overall().f1();
 * r.tokensPerSecond();
 * }</pre>
 */
public final class NerEvaluator {

    /** A tagger under test: character spans (type in {@link Span#getType}) of the given text. */
    @FunctionalInterface
    public interface SpanTagger {
        List<Span> spans(String text);
    }

    public record Result(NerScore score, long tokens, double seconds) {
        public double tokensPerSecond() {
            return tokens / seconds;
        }
    }

    private NerEvaluator() {
    }

    /** A tagger of gold tokens: per sentence of one document, its spans over token indices. */
    @FunctionalInterface
    public interface TokenTagger {
        List<List<Span>> spans(List<String[]> sentences);
    }

    /**
     * Scores a tagger on CoNLL's own tokens (no tokenisation of ours in between): the figure comparable with
     * published ones.
     */
    public static Result evaluateGoldTokens(List<ConllCorpus.Document> docs, TokenTagger tagger) {
        NerScore score = new NerScore();
        long tokens = 0;
        long nanos = 0;
        for (ConllCorpus.Document d : docs) {
            List<String[]> sentences = d.sentences().stream().map(s -> s.tokens().toArray(String[]::new)).toList();
            long t0 = System.nanoTime();
            List<List<Span>> predicted = tagger.spans(sentences);
            nanos += System.nanoTime() - t0;
            tokens += d.tokenCount();
            for (int si = 0; si < sentences.size(); si++) {
                score.add(d.sentences().get(si).spans(), predicted.get(si).stream()
                        .map(p -> new Span(p.getStart(), p.getEnd(), p.getType())).toList());
            }
        }
        return new Result(score, tokens, nanos / 1e9);
    }

    public static Result evaluate(List<ConllCorpus.Document> docs, SpanTagger tagger) {
        NerScore score = new NerScore();
        long tokens = 0;
        long nanos = 0;
        for (ConllCorpus.Document d : docs) {
            StringBuilder text = new StringBuilder();
            // token start offset -> (sentence, token); token end offset -> token
            Map<Integer, int[]> starts = new HashMap<>();
            Map<Integer, int[]> ends = new HashMap<>();
            for (int si = 0; si < d.sentences().size(); si++) {
                if (si > 0) {
                    text.append('\n');
                }
                List<String> toks = d.sentences().get(si).tokens();
                for (int ti = 0; ti < toks.size(); ti++) {
                    if (ti > 0) {
                        text.append(' ');
                    }
                    starts.put(text.length(), new int[] {si, ti});
                    text.append(toks.get(ti));
                    ends.put(text.length(), new int[] {si, ti});
                }
            }
            long t0 = System.nanoTime();
            List<Span> predicted = tagger.spans(text.toString());
            nanos += System.nanoTime() - t0;
            tokens += d.tokenCount();
            List<List<Span>> bySentence = new ArrayList<>();
            for (int si = 0; si < d.sentences().size(); si++) {
                bySentence.add(new ArrayList<>());
            }
            for (Span p : predicted) {
                int[] s = starts.get(p.getStart());
                int[] e = ends.get(p.getEnd());
                if (s != null && e != null && s[0] == e[0]) {
                    bySentence.get(s[0]).add(new Span(s[1], e[1] + 1, p.getType()));
                } else {
                    // Off the gold token edges: a wrong entity, in the first sentence it touches.
                    int si = s != null ? s[0] : e != null ? e[0] : 0;
                    bySentence.get(si).add(new Span(Integer.MAX_VALUE, Integer.MAX_VALUE, p.getType()));
                }
            }
            for (int si = 0; si < d.sentences().size(); si++) {
                score.add(d.sentences().get(si).spans(), bySentence.get(si));
            }
        }
        return new Result(score, tokens, nanos / 1e9);
    }
}
