package io.newsetl.model;

import net.openhft.hashing.LongTupleHashFunction;

/**
 * XXH3-128 hashing of raw bytes: file lineage, ids, and (through {@code dedup.TextNormalizer#paragraphHash}) the
 * normalised paragraphs that are dedup's keys.
 *
 * <p>128 bits, never 64 or 32: at 10^9 paragraphs a 64-bit hash already has a ~3% chance of one collision, and a
 * collision here silently deletes unique text. XXH3 is non-cryptographic; the input is not adversarial about
 * collisions (a crawler that wanted to hide an article could simply not publish it).
 *
 * <pre>{@code
 * ContentHasher.hashBytes("abc".getBytes(StandardCharsets.UTF_8)).hex();  // 32 hex digits
 * }</pre>
 */
public final class ContentHasher {

    private static final LongTupleHashFunction XX128 = LongTupleHashFunction.xx128();

    private ContentHasher() {
    }

    public static Hash128 hashBytes(byte[] bytes) {
        return hashBytes(bytes, 0, bytes.length);
    }

    /** Hash of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Hash128 hashBytes(byte[] bytes, int offset, int length) {
        long[] r = XX128.hashBytes(bytes, offset, length);
        // The library returns the low word first; Hash128 prints high first, as xxHash's reference (XXH128_hash_t).
        return new Hash128(r[1], r[0]);
    }

    /** Hash of a sequence of hashes (an article body as its paragraphs' hashes, in order). */
    public static Hash128 sequenceHash(java.util.List<Hash128> hashes) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16 * hashes.size());
        for (Hash128 h : hashes) {
            buf.putLong(h.high()).putLong(h.low());
        }
        return hashBytes(buf.array());
    }
}
