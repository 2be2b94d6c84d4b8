package io.newsetl.dedup;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import org.apache.spark.sql.Column;

/**
 * The decisions of corpus dedup, as plain Java: which paragraph is boilerplate, which copy of a body is kept,
 * which article may be a copy of which, how much of it is contained, and which of several originals it is a copy
 * of. {@link CorpusDedup} applies them to columns; each rule's column form sits next to it here ({@code ...Col}),
 * and {@code DedupRulesTest} checks that both forms decide alike on the same cases.
 *
 * <pre>{@code
 * DedupRules rules = DedupRules.of(CorpusDedup.Settings.defaults());
 * rules.isBoilerplate(25);                  // true: 25 distinct bodies >= dedup.boilerplate-min-bodies (20)
 * rules.isNearCopy(DedupRules.share(850, 1000)); // true: 0.85 >= dedup.near-share (0.8)
 * }</pre>
 */
public record DedupRules(double nearShare, long boilerplateMinBodies) implements Serializable {

    public static DedupRules of(CorpusDedup.Settings s) {
        return new DedupRules(s.nearShare(), s.boilerplateMinBodies());
    }

    /** A paragraph carried by at least {@code dedup.boilerplate-min-bodies} distinct bodies, over all nights. */
    public boolean isBoilerplate(long distinctBodies) {
        return distinctBodies >= boilerplateMinBodies;
    }

    public Column isBoilerplateCol(Column distinctBodies) {
        return distinctBodies.geq(boilerplateMinBodies);
    }

    /**
     * The article an exact copy is a duplicate of, or null when it is the kept one: a committed article with the
     * same body wins (committed canonicals are never demoted); else the body's first article tonight in
     * {@link CanonicalOrder}.
     *
     * @param committedId  a committed article with the same body, or null
     * @param ownKey       the article's canonical key
     * @param bodyFirstKey the smallest canonical key among tonight's articles with the same body
     */
    public static String exactCopyOf(String committedId, String ownKey, String bodyFirstKey) {
        if (committedId != null) {
            return committedId;
        }
        return ownKey.equals(bodyFirstKey) ? null : CanonicalOrder.idOf(bodyFirstKey);
    }

    public static Column exactCopyOfCol(Column committedId, Column ownKey, Column bodyFirstKey) {
        return when(committedId.isNotNull(), committedId)
                .when(ownKey.notEqual(bodyFirstKey), CanonicalOrder.idOfCol(bodyFirstKey));
    }

    /** Share of an article's non-boilerplate characters that a candidate original also carries. */
    public static double share(long sharedChars, long totalChars) {
        return (double) sharedChars / totalChars;
    }

    public static Column shareCol(Column sharedChars, Column totalChars) {
        return sharedChars.cast("double").divide(totalChars);
    }

    /** Contained enough to be a near copy: at least {@code dedup.near-share}. */
    public boolean isNearCopy(double share) {
        return share >= nearShare;
    }

    public Column isNearCopyCol(Column share) {
        return share.geq(nearShare);
    }

    /**
     * Whether an article may be a copy of a candidate: a committed article always comes first; tonight's only when
     * it comes earlier in {@link CanonicalOrder}. Edges therefore point strictly back, and chains settle.
     */
    public static boolean mayCopy(boolean candidateCommitted, String candidateKey, String ownKey) {
        return candidateCommitted || candidateKey.compareTo(ownKey) < 0;
    }

    public static Column mayCopyCol(Column candidateCommitted, Column candidateKey, Column ownKey) {
        return candidateCommitted.or(candidateKey.lt(ownKey));
    }

    /**
     * Of several canonical originals, the one a near copy points at: the highest share, then the earliest in
     * {@link CanonicalOrder} (committed candidates have the empty key, so they come first), then the smaller id.
     * Negative when {@code a} is preferred.
     */
    public static int preferred(double shareA, String keyA, String idA, double shareB, String keyB, String idB) {
        int c = Double.compare(shareB, shareA);
        if (c == 0) {
            c = keyA.compareTo(keyB);
        }
        return c != 0 ? c : idA.compareTo(idB);
    }

    /** The same order as a sortable struct: {@code min} of it over candidates picks {@link #preferred}. */
    public static Column preferenceCol(Column share, Column key, Column id) {
        return org.apache.spark.sql.functions.struct(share.multiply(lit(-1.0)).as("neg_share"), key.as("key"),
                id.as("id"));
    }
}
