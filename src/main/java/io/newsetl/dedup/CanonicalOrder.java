package io.newsetl.dedup;

import java.time.Instant;

/**
 * The one total order that picks the kept (canonical) copy of a group of duplicates: earliest {@code published_at}
 * (articles without a stamp last), then the lower source priority, then the source path (alphabetically, relative
 * to the run's input root), then the article id. It is encoded as a string whose lexicographic order is that order,
 * so that Spark can take {@code min(canonical_key)} in a skew-proof aggregation instead of sorting groups; the id
 * is the last {@code |}-separated field.
 *
 * <p>The path rather than the id breaks ties because the id hashes the absolute path: the same tree copied or
 * mounted elsewhere must keep the same canonical copies, and "the first by path" is what a reader can check.
 *
 * <pre>{@code
 * CanonicalOrder.key(Instant.parse("2018-05-29T06:02:00Z"), 0, "2018/05/29/a.txt", "4dd1...");
 * // "09224899610574775808|2147483648|2018/05/29/a.txt|4dd1..."
 * }</pre>
 */
public final class CanonicalOrder {

    private static final long NO_STAMP = Long.MAX_VALUE;

    private CanonicalOrder() {
    }

    public static String key(Instant publishedAt, int sourcePriority, String relativePath, String articleId) {
        long micros = publishedAt == null ? NO_STAMP : Math.addExact(publishedAt.getEpochSecond() * 1_000_000L,
                publishedAt.getNano() / 1_000L);
        // Offsetting by Long.MIN_VALUE makes negative (pre-1970) instants sort before positive ones as unsigned.
        String time = Long.toUnsignedString(micros - Long.MIN_VALUE);
        String prio = Long.toUnsignedString((long) sourcePriority - Integer.MIN_VALUE);
        return "0".repeat(20 - time.length()) + time + "|" + "0".repeat(10 - prio.length()) + prio + "|" + relativePath
                + "|" + articleId;
    }

    /** The article id of a key: its last field. */
    public static String idOf(String key) {
        return key.substring(key.lastIndexOf('|') + 1);
    }

    /** {@link #idOf} as a column expression. */
    public static org.apache.spark.sql.Column idOfCol(org.apache.spark.sql.Column key) {
        return org.apache.spark.sql.functions.substring_index(key, "|", -1);
    }
}
