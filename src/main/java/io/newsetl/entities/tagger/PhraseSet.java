package io.newsetl.entities.tagger;

import com.carrotsearch.hppc.LongIntHashMap;
import java.util.List;

/**
 * Phrases (token sequences) with the categories they belong to, keyed by the hash of their tokens, so that a sentence
 * is matched without building a String: {@code ("New", "York") → city}. Up to 31 categories, as a bit set.
 *
 * <pre>{@code
 * PhraseSet s = PhraseSet.builder(List.of("city", "country"))
 *         .add(new String[] {"New", "York"}, 0).build();
 * s.categories(PhraseSet.hash(new String[] {"New", "York"}, 0, 2));   // 0b01
 * }</pre>
 */
public final class PhraseSet {

    private static final long SEED = 0x51ed27a3L;
    /** The bit of a hash that starts a longer phrase: matching goes on only while it is set. */
    static final int PREFIX = 1 << 31;

    private final List<String> categories;
    private final LongIntHashMap bits;
    private final int maxTokens;

    private PhraseSet(List<String> categories, LongIntHashMap bits, int maxTokens) {
        this.categories = List.copyOf(categories);
        this.bits = bits;
        this.maxTokens = maxTokens;
    }

    public static PhraseSet empty() {
        return new PhraseSet(List.of(), new LongIntHashMap(), 0);
    }

    public static Builder builder(List<String> categories) {
        if (categories.size() > 31) {
            throw new IllegalArgumentException("At most 31 phrase categories, not " + categories.size());
        }
        return new Builder(categories);
    }

    /** Builds a set phrase by phrase; a phrase may be added under several categories. */
    public static final class Builder {
        private final List<String> categories;
        private final LongIntHashMap bits = new LongIntHashMap();
        private int maxTokens;

        private Builder(List<String> categories) {
            this.categories = categories;
        }

        public Builder add(String[] tokens, int category) {
            if (tokens.length == 0) {
                return this;
            }
            long h = start();
            for (int i = 0; i < tokens.length; i++) {
                h = extend(h, Hashing.chars(tokens[i]));
                if (i < tokens.length - 1) {
                    bits.put(h, bits.getOrDefault(h, 0) | PREFIX);
                }
            }
            bits.put(h, bits.getOrDefault(h, 0) | (1 << category));
            maxTokens = Math.max(maxTokens, tokens.length);
            return this;
        }

        public PhraseSet build() {
            return new PhraseSet(categories, bits, maxTokens);
        }
    }

    /** The start of a phrase hash; extend it token by token with {@link #extend}. */
    static long start() {
        return SEED;
    }

    static long extend(long phrase, long tokenHash) {
        return Hashing.mix(phrase, tokenHash);
    }

    /** The hash of {@code tokens[from, to)}. */
    public static long hash(String[] tokens, int from, int to) {
        long h = start();
        for (int i = from; i < to; i++) {
            h = extend(h, Hashing.chars(tokens[i]));
        }
        return h;
    }

    /** The categories of the phrase with this hash, as bits; 0 when it is not listed. */
    public int categories(long phraseHash) {
        return bits.getOrDefault(phraseHash, 0) & ~PREFIX;
    }

    /** The categories (low bits) and {@link #PREFIX} when a longer phrase starts with these tokens; 0: neither. */
    int lookup(long phraseHash) {
        return bits.getOrDefault(phraseHash, 0);
    }

    public List<String> categoryNames() {
        return categories;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public int size() {
        return bits.size();
    }
}
