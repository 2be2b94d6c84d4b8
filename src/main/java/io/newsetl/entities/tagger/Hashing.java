package io.newsetl.entities.tagger;

import net.openhft.hashing.LongHashFunction;

/**
 * Feature keys as 64-bit hashes, so that no feature name is ever built as a String: a word's text is hashed once
 * (xxHash3, by the OpenHFT library) and combined with a template id or an offset by {@link #mix}.
 */
public final class Hashing {

    private static final LongHashFunction XX3 = LongHashFunction.xx3();

    private Hashing() {
    }

    static long chars(CharSequence s) {
        return s instanceof String str ? XX3.hashChars(str) : XX3.hashChars(s.toString());
    }

    /** The same hash as {@link #chars(CharSequence)} of the characters {@code s[from, from + length)}. */
    static long chars(char[] s, int from, int length) {
        return XX3.hashChars(s, from, length);
    }

    /** A key for the pair (a, b); order matters. The finaliser of MurmurHash3, over a multiply-add of the two. */
    public static long mix(long a, long b) {
        long k = a * 0x9E3779B97F4A7C15L + b;
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
