package io.newsetl.entities.tagger;

/**
 * The features of a token that depend on its place in the sentence and document, not on its word type alone:
 * the first position, an all-capitals sentence (a headline), the word bigrams and shape trigram around it, the
 * phrases of the {@link PhraseSet}s it lies in (category and B/I/L/U position, longest match first), and the
 * {@link DocumentEvidence}. Reused from sentence to sentence: one per tagger or trainer, not thread-safe.
 */
final class SentenceFeatures {

    static final long FIRST = 20, HEADLINE = 21, BIGRAM_LEFT = 22, BIGRAM_RIGHT = 23, SHAPES = 24, LIST = 25;
    static final int MAX_PER_TOKEN = 32;

    private long[] keys = new long[64 * MAX_PER_TOKEN];
    private int[] counts = new int[64];
    private int[] longest = new int[32];
    private int[] coveredUntil = new int[32];

    /** Computes the features of every token of {@code s}; read them with {@link #count} and {@link #key}. */
    void compute(WordType[] s, PhraseSet[] sets, DocumentEvidence doc) {
        int n = s.length;
        if (counts.length < n) {
            counts = new int[Math.max(n, counts.length * 2)];
            keys = new long[counts.length * MAX_PER_TOKEN];
        }
        boolean headline = true;
        int letters = 0;
        for (WordType t : s) {
            if (t.hasLetter) {
                letters++;
                headline &= t.allCaps;
            }
        }
        headline &= letters > 1;
        for (int i = 0; i < n; i++) {
            int base = i * MAX_PER_TOKEN;
            int c = 0;
            WordType t = s[i];
            if (i == 0) {
                keys[base + c++] = Hashing.mix(FIRST, t.shortShape);
            }
            if (headline) {
                keys[base + c++] = Hashing.mix(HEADLINE, t.shortShape);
            }
            long prev = i > 0 ? s[i - 1].lowerKey : 1;
            long next = i + 1 < n ? s[i + 1].lowerKey : 2;
            keys[base + c++] = Hashing.mix(Hashing.mix(BIGRAM_LEFT, prev), t.lowerKey);
            keys[base + c++] = Hashing.mix(Hashing.mix(BIGRAM_RIGHT, t.lowerKey), next);
            long prevShape = i > 0 ? s[i - 1].shortShape : 1;
            long nextShape = i + 1 < n ? s[i + 1].shortShape : 2;
            keys[base + c++] = Hashing.mix(Hashing.mix(Hashing.mix(SHAPES, prevShape), t.shortShape), nextShape);
            c = doc == null ? c : doc.features(s, i, keys, base + c, base + MAX_PER_TOKEN) - base;
            counts[i] = c;
        }
        for (int k = 0; k < sets.length; k++) {
            match(s, sets[k], k, headline);
        }
    }

    private void match(WordType[] s, PhraseSet set, int setIndex, boolean headline) {
        int n = s.length;
        int categories = set.categoryNames().size();
        if (set.maxTokens() == 0) {
            return;
        }
        java.util.Arrays.fill(coveredUntil, 0, categories, 0);
        for (int i = 0; i < n; i++) {
            long h = PhraseSet.start();
            int any = 0;
            for (int len = 1; len <= set.maxTokens() && i + len <= n; len++) {
                h = PhraseSet.extend(h, headline ? s[i + len - 1].title : s[i + len - 1].exact);
                int found = set.lookup(h);
                int bits = found & ~PhraseSet.PREFIX;
                for (int c = 0; bits != 0; c++, bits >>>= 1) {
                    if ((bits & 1) != 0 && i >= coveredUntil[c]) {
                        longest[c] = len;
                        any = 1;
                    }
                }
                if ((found & PhraseSet.PREFIX) == 0) {
                    break;
                }
            }
            if (any == 0) {
                continue;
            }
            for (int c = 0; c < categories; c++) {
                int len = longest[c];
                if (len == 0) {
                    continue;
                }
                longest[c] = 0;
                coveredUntil[c] = i + len;
                long category = Hashing.mix(LIST, setIndex * 32 + c);
                for (int j = i; j < i + len; j++) {
                    int position = len == 1 ? 3 : j == i ? 0 : j == i + len - 1 ? 2 : 1;
                    add(j, Hashing.mix(category, position));
                }
            }
        }
    }

    private void add(int token, long key) {
        if (counts[token] < MAX_PER_TOKEN) {
            keys[token * MAX_PER_TOKEN + counts[token]++] = key;
        }
    }

    int count(int token) {
        return counts[token];
    }

    long key(int token, int k) {
        return keys[token * MAX_PER_TOKEN + k];
    }
}
