package io.newsetl.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.unhex;

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
 * <p>{@code dedup_keys} holds three kinds of rows, each 16-byte binary hashes and ids (no hex strings, no arrays):
 * <ul>
 *   <li>{@code body}: per committed article, its body_hash and id (exact copies);</li>
 *   <li>{@code carrier}: per paragraph of a committed article, the paragraph, the article and its position (the
 *       committed side of the near-duplicate pair join);</li>
 *   <li>{@code paragraph}: per paragraph_index row, the paragraph and its distinct bodies that night (boilerplate).</li>
 * </ul>
 * A lookup semi-joins the history's keys with tonight's distinct keys, broadcast when they are few (a
 * 10,000-article night has about 100,000 paragraph hashes: 1.6 MB), in one pass: the history's rows are read as
 * 16-byte binary columns and probed, never shuffled, exploded or aggregated whole; the few that match are kept.
 *
 * <pre>{@code
 * CorpusDedup.History h = HistoryKeys.lookup(TableWriter.read(spark, out, TableSchemas.DEDUP_KEYS)
 *         .where("run_date <> DATE'2018-05-31'"), keys, 2_000_000);
 * Dataset<Row> rows = HistoryKeys.rows(committedArticles, paragraphIndex, runDate); // tonight's dedup_keys rows
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
        Column noId = lit(null).cast("binary").as("article_id");
        Column noPosition = lit(null).cast("int").as("position");
        Column noBodies = lit(null).cast("long").as("distinct_bodies");
        Dataset<Row> bodies = articles.select(unhex(col("body_hash")).as("hash"), unhex(col("article_id")).as("article_id"),
                noPosition, noBodies, night, lit(BODY).as("kind"));
        Dataset<Row> carriers = articles.select(col("article_id"), posexplode(col("paragraph_hashes")).as(new String[] {"p", "h"}))
                .select(unhex(col("h")).as("hash"), unhex(col("article_id")).as("article_id"), col("p").as("position"),
                        noBodies, night, lit(CARRIER).as("kind"));
        Dataset<Row> paragraphs = paragraphIndex.select(unhex(col("paragraph_hash")).as("hash"), noId, noPosition,
                col("distinct_bodies"), night, lit(PARAGRAPH).as("kind"));
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
        Dataset<Row> tonight = keys.select(unhex(col("bodyHash")).as("k"))
                .union(keys.select(functions.explode(col("paragraphHashes")).as("h")).select(unhex(col("h")).as("k")))
                .distinct()
                .localCheckpoint();
        boolean broadcast = tonight.count() <= broadcastMax;
        // One pass over the history's keys: what matches tonight's, kept (a small share) for the three reads.
        // Checkpointed, not persisted: the plans that read them stay short (a cached plan is printed into every
        // plan that reads it, and that string alone cost seconds per night on the documents' plan).
        Dataset<Row> matched = history.join(broadcast ? functions.broadcast(tonight) : tonight,
                        col("hash").equalTo(col("k")), "left_semi")
                .localCheckpoint();
        Dataset<Row> bodies = matched.where(col("kind").equalTo(lit(BODY)))
                .select(hex(col("hash")).as("body_hash"), hex(col("article_id")).as("article_id"));
        Dataset<Row> carriers = matched.where(col("kind").equalTo(lit(CARRIER)))
                .select(hex(col("article_id")).as("article_id"), hex(col("hash")).as("paragraph_hash"), col("position"));
        Dataset<Row> counts = matched.where(col("kind").equalTo(lit(PARAGRAPH)))
                .select(hex(col("hash")).as("paragraph_hash"), col("distinct_bodies"));
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

    private static Column hex(Column binary) {
        return functions.lower(functions.hex(binary));
    }

}
