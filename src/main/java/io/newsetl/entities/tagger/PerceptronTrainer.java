package io.newsetl.entities.tagger;

import com.carrotsearch.hppc.LongIntHashMap;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;
import opennlp.tools.util.Span;

/**
 * Trains a {@link LinearChainModel} as an averaged structured perceptron (Collins 2002): each sentence is decoded
 * with the current weights, and where the best labels differ from the gold ones, the gold features gain 1 and the
 * predicted ones lose 1; the model keeps the average of the weights over all steps. Sentences are visited in an order
 * shuffled by a fixed seed per epoch, so training is deterministic.
 *
 * <p>Steps: {@link #features} (every sentence's feature rows, once), {@link #epoch} (one pass), {@link #average}.
 */
public final class PerceptronTrainer {

    /** Training settings; {@link #defaults()} are the ones chosen on the development set (eng.testa). */
    public record Settings(int epochs, long seed) {
        public static Settings defaults() {
            return new Settings(12, 17L);
        }
    }

    /** One labelled sentence: its word types, positional features already resolved to rows, gold labels. */
    public record Sentence(List<String> tokens, List<Span> spans) {
    }

    private static final int L = Labels.COUNT;

    private final LongIntHashMap rows = new LongIntHashMap(1 << 20);
    private final List<int[][]> sentenceRows = new ArrayList<>();
    private final List<int[]> gold = new ArrayList<>();
    private int[] weights;
    private long[] totals;
    private final int[] transitions = new int[(L + 1) * L];
    private final long[] transitionTotals = new long[(L + 1) * L];
    private long step = 1;

    private PerceptronTrainer() {
    }

    /**
     * Trains on documents (each a list of sentences). {@code phrases.apply(d)} gives the phrase sets document
     * {@code d} sees (the lexicon's lists and a training dictionary built without that document's part).
     */
    public static LinearChainModel train(List<List<Sentence>> documents, Lexicon lexicon,
            IntFunction<PhraseSet[]> phrases, Settings settings, PrintStream log) {
        PerceptronTrainer t = new PerceptronTrainer();
        long t0 = System.nanoTime();
        t.features(documents, lexicon, phrases);
        log.printf(Locale.ROOT, "features: %,d sentences, %,d feature keys (%.1f s)%n", t.gold.size(), t.rows.size(),
                (System.nanoTime() - t0) / 1e9);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < t.gold.size(); i++) {
            order.add(i);
        }
        for (int e = 0; e < settings.epochs(); e++) {
            Collections.shuffle(order, new Random(settings.seed() + e));
            long t1 = System.nanoTime();
            int wrong = t.epoch(order);
            log.printf(Locale.ROOT, "epoch %d: %,d of %,d sentences mis-tagged (%.1f s)%n", e + 1, wrong,
                    order.size(), (System.nanoTime() - t1) / 1e9);
        }
        return t.average();
    }

    /** Step 1: the rows of every token's features (window types, offsets, positional features), assigned in order. */
    private void features(List<List<Sentence>> documents, Lexicon lexicon, IntFunction<PhraseSet[]> phrases) {
        java.util.Map<String, WordType> types = new java.util.HashMap<>();
        SentenceFeatures pf = new SentenceFeatures();
        WordType before = WordType.boundary(-1);
        WordType after = WordType.boundary(1);
        long[] keys = new long[256];
        for (int d = 0; d < documents.size(); d++) {
            List<WordType[]> doc = new ArrayList<>();
            for (Sentence s : documents.get(d)) {
                doc.add(s.tokens().stream().map(w -> types.computeIfAbsent(w, x -> WordType.of(x, lexicon)))
                        .toArray(WordType[]::new));
            }
            DocumentEvidence evidence = new DocumentEvidence(doc);
            PhraseSet[] sets = phrases.apply(d);
            for (int si = 0; si < doc.size(); si++) {
                WordType[] s = doc.get(si);
                pf.compute(s, sets, evidence);
                int[][] tokenRows = new int[s.length][];
                for (int i = 0; i < s.length; i++) {
                    int n = 0;
                    for (long k : s[i].own) {
                        keys = put(keys, n++, k);
                    }
                    for (int o = -LinearChainModel.WINDOW; o <= LinearChainModel.WINDOW; o++) {
                        int j = i + o;
                        if (o == 0) {
                            continue;
                        }
                        WordType t = j < 0 ? before : j >= s.length ? after : s[j];
                        for (long k : t.context) {
                            keys = put(keys, n++, LinearChainModel.contextKey(k, o));
                        }
                    }
                    for (int k = 0; k < pf.count(i); k++) {
                        keys = put(keys, n++, pf.key(i, k));
                    }
                    int[] r = new int[n];
                    for (int k = 0; k < n; k++) {
                        int row = rows.getOrDefault(keys[k], -1);
                        if (row < 0) {
                            row = rows.size();
                            rows.put(keys[k], row);
                        }
                        r[k] = row;
                    }
                    tokenRows[i] = r;
                }
                sentenceRows.add(tokenRows);
                gold.add(Labels.encode(documents.get(d).get(si).spans(), s.length));
            }
        }
        weights = new int[rows.size() * L];
        totals = new long[rows.size() * L];
    }

    private static long[] put(long[] keys, int i, long k) {
        long[] out = i < keys.length ? keys : java.util.Arrays.copyOf(keys, keys.length * 2);
        out[i] = k;
        return out;
    }

    /** Step 2: one pass over the sentences in this order; returns how many were decoded wrong. */
    private int epoch(List<Integer> order) {
        int wrong = 0;
        float[] emissions = new float[64 * L];
        float[] delta = new float[64 * L];
        int[] back = new int[64 * L];
        int[] predicted = new int[64];
        float[] trans = new float[transitions.length];
        for (int idx : order) {
            int[][] tokenRows = sentenceRows.get(idx);
            int[] g = gold.get(idx);
            int n = g.length;
            if (n * L > emissions.length) {
                emissions = new float[n * L * 2];
                delta = new float[n * L * 2];
                back = new int[n * L * 2];
                predicted = new int[n * 2];
            }
            java.util.Arrays.fill(emissions, 0, n * L, 0f);
            for (int i = 0; i < n; i++) {
                for (int r : tokenRows[i]) {
                    int w = r * L;
                    for (int l = 0; l < L; l++) {
                        emissions[i * L + l] += weights[w + l];
                    }
                }
            }
            for (int k = 0; k < trans.length; k++) {
                trans[k] = transitions[k];
            }
            LinearChainModel.decode(emissions, n, trans, delta, back, predicted);
            boolean mistake = false;
            for (int i = 0; i < n; i++) {
                int pl = predicted[i];
                int gl = g[i];
                int pPrev = i == 0 ? L : predicted[i - 1];
                int gPrev = i == 0 ? L : g[i - 1];
                if (pl != gl) {
                    mistake = true;
                    for (int r : tokenRows[i]) {
                        update(weights, totals, r * L + gl, 1);
                        update(weights, totals, r * L + pl, -1);
                    }
                }
                if (pl != gl || pPrev != gPrev) {
                    update(transitions, transitionTotals, gPrev * L + gl, 1);
                    update(transitions, transitionTotals, pPrev * L + pl, -1);
                }
            }
            if (mistake) {
                wrong++;
            }
            step++;
        }
        return wrong;
    }

    /** Lazy averaging: {@code totals} accumulates {@code step * delta}; the average is {@code w - totals / step}. */
    private void update(int[] w, long[] t, int i, int delta) {
        w[i] += delta;
        t[i] += step * delta;
    }

    /** Step 3: the averaged weights, without the rows that stayed zero. */
    private LinearChainModel average() {
        LongIntHashMap kept = new LongIntHashMap(rows.size());
        float[] avg = new float[rows.size() * L];
        int n = 0;
        for (var c : rows) {
            int r = c.value;
            boolean zero = true;
            for (int l = 0; l < L; l++) {
                float v = (float) (weights[r * L + l] - (double) totals[r * L + l] / step);
                avg[n * L + l] = v;
                zero &= Math.abs(v) < 1e-4f;
            }
            if (!zero) {
                kept.put(c.key, n++);
            }
        }
        float[] trans = new float[transitions.length];
        for (int i = 0; i < trans.length; i++) {
            trans[i] = (float) (transitions[i] - (double) transitionTotals[i] / step);
        }
        return new LinearChainModel(kept, java.util.Arrays.copyOf(avg, n * L), trans);
    }
}
