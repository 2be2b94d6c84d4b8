package io.newsetl.dedup;

import java.nio.ByteBuffer;

/**
 * The {@code entry} of a {@code dedup_keys} row: all that a lookup needs of the row besides its {@code hash_hi},
 * packed big-endian into one binary value. A lookup then reads two columns per page of keys (the key and its entry)
 * rather than one per value, and with them two offset indexes, two page reads and two page decodes per key.
 *
 * <p>An entry's length tells its kind:
 * <ul>
 *   <li>{@value #PARAGRAPH_BYTES} bytes, kind {@code paragraph}: {@code hash_lo}, {@code distinct_bodies};</li>
 *   <li>{@value #BODY_BYTES} bytes, kind {@code body}: {@code hash_lo}, the article_id's two halves;</li>
 *   <li>{@value #CARRIER_BYTES} bytes, kind {@code carrier}: {@code hash_lo}, the article_id's two halves, the
 *       paragraph's position (4 bytes).</li>
 * </ul>
 *
 * <pre>{@code
 * byte[] entry = KeyEntry.carrier(-42L, 7L, 9L, 3);       // hash_lo, article_id's halves, position
 * long[] values = new long[KeyEntry.VALUES];
 * int present = KeyEntry.unpack(ByteBuffer.wrap(entry), values);
 * boolean hasPosition = (present & 1 << KeyEntry.POSITION) != 0;   // true: values[KeyEntry.POSITION] == 3
 * }</pre>
 */
public final class KeyEntry {

    /**
     * The file under an output that says its {@code dedup_keys} holds every committed night in this layout (written
     * by {@code pipeline.DedupKeysFill}; an output without it is filled again before a lookup).
     */
    public static final String LAYOUT_MARKER = "_dedup_keys_complete-2";

    /** Slots of {@link #unpack}'s values, and bits of its result. */
    public static final int HASH_LO = 0;
    public static final int ARTICLE_HI = 1;
    public static final int ARTICLE_LO = 2;
    public static final int POSITION = 3;
    public static final int DISTINCT_BODIES = 4;
    /** Number of slots {@link #unpack} may fill. */
    public static final int VALUES = 5;

    static final int PARAGRAPH_BYTES = 16;
    static final int BODY_BYTES = 24;
    static final int CARRIER_BYTES = 28;

    private KeyEntry() {
    }

    /** The entry of a {@code body} row: an article's body hash (second half) and the article. */
    public static byte[] body(long hashLo, long articleHi, long articleLo) {
        return ByteBuffer.allocate(BODY_BYTES).putLong(hashLo).putLong(articleHi).putLong(articleLo).array();
    }

    /** The entry of a {@code carrier} row: a paragraph's hash (second half), its article and its position there. */
    public static byte[] carrier(long hashLo, long articleHi, long articleLo, int position) {
        return ByteBuffer.allocate(CARRIER_BYTES).putLong(hashLo).putLong(articleHi).putLong(articleLo)
                .putInt(position).array();
    }

    /** The entry of a {@code paragraph} row: a paragraph's hash (second half) and its distinct bodies that night. */
    public static byte[] paragraph(long hashLo, long distinctBodies) {
        return ByteBuffer.allocate(PARAGRAPH_BYTES).putLong(hashLo).putLong(distinctBodies).array();
    }

    /**
     * Reads the entry between {@code entry}'s position and limit (neither moved) into {@code values} (at least
     * {@link #VALUES} long), and returns a bit per slot it filled ({@code 1 << POSITION}, ...); the other slots are
     * left as they were.
     *
     * @throws IllegalArgumentException for a length of no kind: the file is not of this table's layout
     */
    public static int unpack(ByteBuffer entry, long[] values) {
        int at = entry.position();
        int length = entry.remaining();
        if (length != PARAGRAPH_BYTES && length != BODY_BYTES && length != CARRIER_BYTES) {
            throw new IllegalArgumentException("A dedup_keys entry of " + length + " bytes: entries are "
                    + PARAGRAPH_BYTES + ", " + BODY_BYTES + " or " + CARRIER_BYTES + " bytes long");
        }
        values[HASH_LO] = entry.getLong(at);
        switch (length) {
            case PARAGRAPH_BYTES -> {
                values[DISTINCT_BODIES] = entry.getLong(at + 8);
                return 1 << HASH_LO | 1 << DISTINCT_BODIES;
            }
            default -> {
                values[ARTICLE_HI] = entry.getLong(at + 8);
                values[ARTICLE_LO] = entry.getLong(at + 16);
                if (length == BODY_BYTES) {
                    return 1 << HASH_LO | 1 << ARTICLE_HI | 1 << ARTICLE_LO;
                }
                values[POSITION] = entry.getInt(at + 24);
                return 1 << HASH_LO | 1 << ARTICLE_HI | 1 << ARTICLE_LO | 1 << POSITION;
            }
        }
    }
}
