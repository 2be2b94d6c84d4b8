package io.newsetl.entities.tagger;

import java.util.Arrays;
import java.util.Locale;

/**
 * Everything the tagger knows about one word type (one distinct token text), computed once per type and shared by
 * every occurrence: its feature keys at the scored position ({@link #own}) and as a neighbour ({@link #context}),
 * and the hashes used to match phrases and document evidence. No String is built per token: a token is looked up
 * once by its text and then handled through this object.
 *
 * <p>Features (each a 64-bit key: template and value hashed together): the word, its lower case, its shape and
 * collapsed shape, prefixes 1-3, suffixes 1-4 (lower case), length, and the bit-path prefixes (4, 6, 10, 20) of its
 * Brown cluster in each source of the {@link Lexicon}, the case-sensitive source also for its lower-case form (a
 * capitalised word whose lower case is a common word: "Police"). Neighbours contribute their lower case, collapsed
 * shape and cluster prefixes 6 and 20 (case-sensitive source) and 10 (web source).
 */
public final class WordType {

    // Feature templates: any distinct numbers; changing them changes the model (FEATURE_VERSION).
    static final long BIAS = 1, W = 2, LW = 3, SHAPE = 4, SSHAPE = 5, PREFIX = 6, SUFFIX = 7, LENGTH = 8,
            CLUSTER = 9, LOWER_CLUSTER = 10, NO_CLUSTER = 11, BOUNDARY = 12;

    final String text;
    final String lower;
    /** Hashes of the text, of its title-case form (for all-capitals headlines) and of its lower case. */
    final long exact;
    final long title;
    final long lowerKey;
    final long shortShape;
    final boolean hasLetter;
    final boolean capitalised;
    final boolean allCaps;
    final boolean lowerInitial;
    final long[] own;
    final long[] context;
    /** Inference only: this type's emission scores at each relative offset (-WINDOW..WINDOW), per label; made on first use. */
    float[] scores;

    private WordType(String text, String lower, long[] own, long[] context, long shortShape, boolean boundary) {
        this.text = text;
        this.lower = lower;
        this.exact = Hashing.chars(text);
        this.title = Hashing.chars(titleCase(text));
        this.lowerKey = Hashing.chars(lower);
        this.own = own;
        this.context = context;
        this.shortShape = shortShape;
        boolean letter = false;
        boolean upper = true;
        for (int i = 0; i < text.length() && !boundary; i++) {
            char c = text.charAt(i);
            letter |= Character.isLetter(c);
            upper &= !Character.isLowerCase(c);
        }
        this.hasLetter = letter;
        this.allCaps = letter && upper;
        this.capitalised = letter && Character.isUpperCase(text.charAt(0)) && !allCaps;
        this.lowerInitial = letter && Character.isLowerCase(text.charAt(0));
    }

    /** The pseudo-type before the first token ({@code side = -1}) or after the last ({@code side = 1}). */
    static WordType boundary(int side) {
        long k = Hashing.mix(BOUNDARY, side);
        return new WordType(side < 0 ? "<s>" : "</s>", side < 0 ? "<s>" : "</s>", new long[0], new long[] {k}, k, true);
    }

    static WordType of(String text, Lexicon lex) {
        String lower = text.toLowerCase(Locale.ROOT);
        long[] own = new long[48];
        int n = 0;
        own[n++] = BIAS;
        own[n++] = Hashing.mix(W, Hashing.chars(text));
        own[n++] = Hashing.mix(LW, Hashing.chars(lower));
        String shape = shape(text, false);
        long sshape = Hashing.mix(SSHAPE, Hashing.chars(shape(text, true)));
        own[n++] = Hashing.mix(SHAPE, Hashing.chars(shape));
        own[n++] = sshape;
        for (int k = 1; k <= 3 && k < text.length(); k++) {
            own[n++] = Hashing.mix(Hashing.mix(PREFIX, k), Hashing.chars(text.substring(0, k)));
        }
        for (int k = 1; k <= 4 && k < lower.length(); k++) {
            own[n++] = Hashing.mix(Hashing.mix(SUFFIX, k), Hashing.chars(lower.substring(lower.length() - k)));
        }
        own[n++] = Hashing.mix(LENGTH, Math.min(text.length(), 12));
        long[] context = new long[8];
        int c = 0;
        context[c++] = Hashing.mix(LW, Hashing.chars(lower));
        context[c++] = sshape;
        for (int s = 0; s < Lexicon.CLUSTER_SOURCES.size(); s++) {
            String form = s == 0 ? text : lower;
            int path = lex.cluster(s, Hashing.chars(form));
            if (path < 0 && s == 0 && !text.equals(lower)) {
                path = lex.cluster(s, Hashing.chars(titleCase(text)));
            }
            if (path < 0) {
                own[n++] = Hashing.mix(NO_CLUSTER, s);
                continue;
            }
            long[] prefixes = lex.prefixKeys(s, path);
            for (int k = 0; k < prefixes.length; k++) {
                own[n++] = Hashing.mix(Hashing.mix(CLUSTER, s * 8 + k), prefixes[k]);
            }
            if (s == 0) {
                context[c++] = Hashing.mix(Hashing.mix(CLUSTER, 1), prefixes[1]);
                context[c++] = Hashing.mix(Hashing.mix(CLUSTER, 3), prefixes[3]);
            } else {
                context[c++] = Hashing.mix(Hashing.mix(CLUSTER, s * 8 + 2), prefixes[2]);
            }
        }
        if (!text.equals(lower)) {
            int path = lex.cluster(0, Hashing.chars(lower));
            if (path >= 0) {
                long[] prefixes = lex.prefixKeys(0, path);
                own[n++] = Hashing.mix(Hashing.mix(LOWER_CLUSTER, 1), prefixes[1]);
                own[n++] = Hashing.mix(Hashing.mix(LOWER_CLUSTER, 3), prefixes[3]);
            } else {
                own[n++] = Hashing.mix(LOWER_CLUSTER, 0);
            }
        }
        return new WordType(text, lower, Arrays.copyOf(own, n), Arrays.copyOf(context, c), sshape, false);
    }

    /** Character classes: X upper, x lower, d digit, other characters as they are; collapsed: runs of one class. */
    static String shape(String text, boolean collapse) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), 16));
        char last = 0;
        for (int i = 0; i < text.length() && b.length() < 12; i++) {
            char ch = text.charAt(i);
            char k = Character.isUpperCase(ch) ? 'X' : Character.isLetter(ch) ? 'x' : Character.isDigit(ch) ? 'd' : ch;
            if (!collapse || k != last) {
                b.append(k);
            }
            last = k;
        }
        return b.toString();
    }

    static String titleCase(String t) {
        return t.length() < 2 ? t : t.charAt(0) + t.substring(1).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return text;
    }
}
