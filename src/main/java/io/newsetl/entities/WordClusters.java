package io.newsetl.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Word clusters learned from unlabelled text (Word2Vec vectors grouped by k-means, see {@link WordClusterer}): words
 * used in the same contexts share a cluster, so a name the labelled data never showed still looks like the names it
 * did ({@code vuuren} sits with {@code harris} and {@code moody}, {@code tuesday} with {@code friday}). The model reads
 * one feature per token, {@code wc=<cluster>} ({@code wc=none} for a word outside the vocabulary).
 *
 * <p>Words are looked up lower-cased with digits folded to 0, as they were clustered. Stored beside the model as
 * lines {@code word<TAB>cluster}.
 *
 * <pre>{@code
 * WordClusters c = WordClusters.read(in);
 * c.features(new String[] {"Monday"}, new String[][] {{}});   // {{"wc=17"}}
 * }</pre>
 */
public final class WordClusters {

    private static final WordClusters NONE = new WordClusters(Map.of());

    private final Map<String, String> clusters;
    /** The feature string of each word, made once: the tagger looks one up per token. */
    private final Map<String, String> features;

    private WordClusters(Map<String, String> clusters) {
        this.clusters = clusters;
        Map<String, String> byCluster = new HashMap<>();
        this.features = new HashMap<>(clusters.size() * 2);
        clusters.forEach((w, c) -> features.put(w, byCluster.computeIfAbsent(c, k -> "wc=" + k)));
    }

    /** No clusters: the features are left as they are (a model trained without clusters). */
    public static WordClusters none() {
        return NONE;
    }

    public static WordClusters of(Map<String, Integer> clusters) {
        Map<String, String> m = new HashMap<>();
        clusters.forEach((w, c) -> m.put(w, Integer.toString(c)));
        return new WordClusters(m);
    }

    /** The form a word is clustered and looked up under: lower case, every digit 0 (years and scores group). */
    public static String normalise(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        StringBuilder b = null;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= '1' && c <= '9') {
                if (b == null) {
                    b = new StringBuilder(lower);
                }
                b.setCharAt(i, '0');
            }
        }
        return b == null ? lower : b.toString();
    }

    public boolean isEmpty() {
        return clusters.isEmpty();
    }

    public int size() {
        return clusters.size();
    }

    /** {@code base} (one feature array per token) with each token's cluster added; {@code base} is not changed. */
    public String[][] features(String[] tokens, String[][] base) {
        if (clusters.isEmpty()) {
            return base;
        }
        String[][] out = new String[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            String[] f = java.util.Arrays.copyOf(base[i], base[i].length + 1);
            f[f.length - 1] = features.getOrDefault(normalise(tokens[i]), "wc=none");
            out[i] = f;
        }
        return out;
    }

    public static WordClusters read(InputStream in) {
        return new WordClusters(KeyValueFile.read(in));
    }

    public void write(OutputStream out) throws IOException {
        KeyValueFile.write(clusters, out);
    }
}
