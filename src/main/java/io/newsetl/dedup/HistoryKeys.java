package io.newsetl.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What corpus dedup needs of the committed nights, and the two ways to get it: by <b>lookup</b> in the
 * {@code dedup_keys} table (what a night does: its cost follows tonight's keys, not the history's arrays), or by
 * <b>scan</b> of the committed {@code articles} and {@code paragraph_index} (the definition, and the oracle the
 * lookup is tested against: both give dedup the same rows for tonight's keys, so the same decisions).
 *
 * <p>{@code dedup_keys} holds three kinds of rows, hashes and ids as pairs of longs (no hex strings, no arrays):
 * <ul>
 *   <li>{@code body}: per committed article, its body_hash and id (exact copies);</li>
 *   <li>{@code carrier}: per paragraph of a committed article, the paragraph, the article and its position (the
 *       committed side of the near-duplicate pair join);</li>
 *   <li>{@code paragraph}: per paragraph_index row, the paragraph and its distinct bodies that night (boilerplate).</li>
 * </ul>
 * A lookup semi-joins the history's keys with tonight's distinct keys, broadcast when they are few (a
 * 10,000-article night has about 100,000 paragraph hashes: 1.6 MB), in one pass: the history's rows are read as
 * fixed-width long columns and probed, never shuffled, exploded or aggregated whole; the few that match are kept.
 *
 * <pre>{@code
 * Dataset<Row> keys = CorpusDedup.keys(tonight, settings.maxParagraphs());
 * CorpusDedup.History h = HistoryKeys.lookup(io.newsetl.output.TableWriter.read(spark, "/warehouse/news",
 *         io.newsetl.output.TableSchemas.DEDUP_KEYS).where("run_date <> DATE'2018-05-31'"), keys, 2_000_000);
 * CorpusDedup.History same = HistoryKeys.scan(historyArticles, historyIndex);   // reads everything, decides alike
 * Dataset<Row> rows = HistoryKeys.rows(historyArticles, historyIndex, runDate); // a night's dedup_keys rows
 * }</pre>
 */
public final class HistoryKeys {

    public static final String BODY = "body";
    public static final String CARRIER = "carrier";
    public static final String PARAGRAPH = "paragraph";

    private HistoryKeys() {
    }

    /**
     * Tonight's rows of {@code dedup_keys}.
     *
     * @param articles       tonight's committed articles (boilerplate removed, as written):
     *                       {@code article_id, body_hash, paragraph_hashes}
     * @param paragraphIndex tonight's {@code paragraph_index} rows: {@code paragraph_hash, distinct_bodies}
     */
    public static Dataset<Row> rows(Dataset<Row> articles, Dataset<Row> paragraphIndex, LocalDate runDate) {
        Column night = lit(java.sql.Date.valueOf(runDate)).as("run_date");
        Column noPosition = lit(null).cast("int").as("position");
        Column noBodies = lit(null).cast("long").as("distinct_bodies");
        Dataset<Row> bodies = articles.select(hi(col("body_hash")).as("hash_hi"), lo(col("body_hash")).as("hash_lo"),
                hi(col("article_id")).as("article_hi"), lo(col("article_id")).as("article_lo"), noPosition, noBodies,
                night, lit(BODY).as("kind"));
        Dataset<Row> carriers = articles.select(col("article_id"), posexplode(col("paragraph_hashes")).as(new String[] {"p", "h"}))
                .select(hi(col("h")).as("hash_hi"), lo(col("h")).as("hash_lo"), hi(col("article_id")).as("article_hi"),
                        lo(col("article_id")).as("article_lo"), col("p").as("position"), noBodies, night,
                        lit(CARRIER).as("kind"));
        Dataset<Row> paragraphs = paragraphIndex.select(hi(col("paragraph_hash")).as("hash_hi"),
                lo(col("paragraph_hash")).as("hash_lo"), lit(null).cast("long").as("article_hi"),
                lit(null).cast("long").as("article_lo"), noPosition, col("distinct_bodies"), night,
                lit(PARAGRAPH).as("kind"));
        return bodies.unionByName(carriers).unionByName(paragraphs);
    }

    /**
     * The history for tonight's keys, looked up in {@code dedup_keys} rows of other nights.
     *
     * @param history      {@code dedup_keys} rows of the other nights
     * @param keys         {@link CorpusDedup#keys} of tonight (body hashes and compared paragraph hashes, hex)
     * @param broadcastMax tonight's distinct keys up to which they are broadcast into the scan (above, a shuffle
     *                     join)
     */
    public static CorpusDedup.History lookup(Dataset<Row> history, Dataset<Row> keys, long broadcastMax) {
        // Tonight's distinct keys, bodies and paragraphs together (a body hash never equals a paragraph hash but
        // by chance, and then the kind filters below keep each to its own).
        Dataset<Row> tonight = keys.select(col("bodyHash").as("h"))
                .union(keys.select(functions.explode(col("paragraphHashes")).as("h")))
                .select(hi(col("h")).as("k_hi"), lo(col("h")).as("k_lo"))
                .distinct()
                .localCheckpoint();
        boolean broadcast = tonight.count() <= broadcastMax;
        // One pass over the history's keys, probed on their first 64 bits alone (a map of longs: the cheapest probe
        // Spark has); the few rows that pass are then matched on all 128 bits, and checkpointed for the three reads.
        // Checkpointed, not persisted: the plans that read them stay short (a cached plan is printed into every
        // plan that reads it, and that string alone cost seconds per night on the documents' plan).
        Dataset<Row> firstHalf = tonight.select(col("k_hi")).distinct();
        Dataset<Row> matched = history.join(broadcast ? functions.broadcast(firstHalf) : firstHalf,
                        col("hash_hi").equalTo(col("k_hi")), "left_semi")
                .join(functions.broadcast(tonight), col("hash_hi").equalTo(col("k_hi"))
                        .and(col("hash_lo").equalTo(col("k_lo"))), "left_semi")
                .localCheckpoint();
        Column hash = hex(col("hash_hi"), col("hash_lo"));
        Column article = hex(col("article_hi"), col("article_lo"));
        Dataset<Row> bodies = matched.where(col("kind").equalTo(lit(BODY)))
                .select(hash.as("body_hash"), article.as("article_id"));
        Dataset<Row> carriers = matched.where(col("kind").equalTo(lit(CARRIER)))
                .select(article.as("article_id"), hash.as("paragraph_hash"), col("position"));
        Dataset<Row> counts = matched.where(col("kind").equalTo(lit(PARAGRAPH)))
                .select(hash.as("paragraph_hash"), col("distinct_bodies"));
        return new CorpusDedup.History(bodies, carriers, counts);
    }

    /**
     * The history by scan of the committed tables: every article's body and paragraphs, every paragraph_index row.
     * The definition the lookup must equal; also how {@code dedup_keys} is filled for nights written before it.
     *
     * @param articles       committed articles of other nights: {@code article_id, body_hash, paragraph_hashes}
     * @param paragraphIndex {@code paragraph_index} rows of other nights: {@code paragraph_hash, distinct_bodies}
     */
    public static CorpusDedup.History scan(Dataset<Row> articles, Dataset<Row> paragraphIndex) {
        Dataset<Row> carriers = articles.select(col("article_id"),
                        posexplode(col("paragraph_hashes")).as(new String[] {"position", "paragraph_hash"}))
                .select(col("article_id"), col("paragraph_hash"), col("position"));
        return new CorpusDedup.History(articles.select(col("body_hash"), col("article_id")), carriers,
                paragraphIndex.select(col("paragraph_hash"), col("distinct_bodies")));
    }

    /** The first 64 bits of a 32-digit hex hash, as a signed long ({@code conv} to base -10 reads it signed). */
    static Column hi(Column hex) {
        return functions.conv(functions.substring(hex, 1, 16), 16, -10).cast("long");
    }

    /** The last 64 bits of a 32-digit hex hash, as a signed long. */
    static Column lo(Column hex) {
        return functions.conv(functions.substring(hex, 17, 16), 16, -10).cast("long");
    }

    /** The 32 lower-case hex digits of a hash given as its two halves ({@code hex} of a long is unsigned). */
    static Column hex(Column hi, Column lo) {
        return functions.lower(functions.concat(functions.lpad(functions.hex(hi), 16, "0"),
                functions.lpad(functions.hex(lo), 16, "0")));
    }
}
