package io.newsetl.entities;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import opennlp.tools.util.Span;

/**
 * Entity-level precision, recall and F1 with conlleval semantics: a predicted entity counts only when its span and
 * its type both equal a gold entity's.
 *
 * <pre>{@code
 * NerScore s = new NerScore();
 * s.add(goldSpans, predictedSpans);   // spans over one sentence's tokens, type in Span#getType
 * s.overall().f1();                   // 0.0 .. 100.0
 * }</pre>
 */
public final class NerScore {

    /** Counts of one type (or of all). */
    public record Counts(long gold, long predicted, long correct) {
        public double precision() {
            return predicted == 0 ? 0 : 100.0 * correct / predicted;
        }

        public double recall() {
            return gold == 0 ? 0 : 100.0 * correct / gold;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Counts plus(long g, long p, long c) {
            return new Counts(gold + g, predicted + p, correct + c);
        }
    }

    private final Map<String, Counts> byType = new TreeMap<>();
    private Counts overall = new Counts(0, 0, 0);

    public void add(List<Span> gold, List<Span> predicted) {
        Set<Span> goldSet = new HashSet<>(gold);
        for (Span g : gold) {
            count(g.getType(), 1, 0, 0);
        }
        for (Span p : predicted) {
            boolean hit = goldSet.contains(new Span(p.getStart(), p.getEnd(), p.getType()));
            count(p.getType(), 0, 1, hit ? 1 : 0);
        }
    }

    private void count(String type, long g, long p, long c) {
        byType.put(type, byType.getOrDefault(type, new Counts(0, 0, 0)).plus(g, p, c));
        overall = overall.plus(g, p, c);
    }

    public Counts overall() {
        return overall;
    }

    public Map<String, Counts> byType() {
        return Map.copyOf(byType);
    }

    /** conlleval-like lines: one per type, then the overall line. */
    public String report() {
        StringBuilder b = new StringBuilder();
        byType.forEach((t, c) -> b.append(String.format(Locale.ROOT, "%-8s P=%6.2f R=%6.2f F1=%6.2f (gold %d, predicted %d)%n",
                t, c.precision(), c.recall(), c.f1(), c.gold(), c.predicted())));
        b.append(String.format(Locale.ROOT, "%-8s P=%6.2f R=%6.2f F1=%6.2f (gold %d, predicted %d)", "overall",
                overall.precision(), overall.recall(), overall.f1(), overall.gold(), overall.predicted()));
        return b.toString();
    }
}
