package io.newsetl.model;

import java.io.Serializable;
import java.util.HexFormat;

/**
 * A 128-bit hash as two longs, printed as 32 lower-case hex digits (high word first).
 *
 * <pre>{@code
 * Hash128 h = Hash128.fromHex("0123456789abcdef0123456789abcdef");
 * h.hex();  // "0123456789abcdef0123456789abcdef"
 * }</pre>
 */
public record Hash128(long high, long low) implements Serializable, Comparable<Hash128> {

    private static final HexFormat HEX = HexFormat.of();

    public String hex() {
        return HEX.toHexDigits(high) + HEX.toHexDigits(low);
    }

    public static Hash128 fromHex(String hex) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("A 128-bit hash is 32 hex digits, got: " + hex);
        }
        return new Hash128(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
    }

    @Override
    public int compareTo(Hash128 o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public String toString() {
        return hex();
    }
}
