package io.newsetl.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

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
 * A lookup takes two steps. First, one pass over the first 64 bits of every history key (one column) probed with
 * tonight's distinct keys, broadcast when they are few (a 10,000-article night has about 100,000 paragraph hashes:
 * 1.6 MB), tells which of tonight's keys the history holds (about 1%). Then only the rows of those keys are read:
 * each file is sorted by hash in small pages, and an {@code IN} filter on the shared keys lets Parquet's column
 * index skip every page whose range holds none. Nothing of the history is shuffled, exploded or aggregated.
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
        return lookup(history, keys, broadcastMax, PAGE_LOOKUP_MAX);
    }

    /**
     * {@link #lookup(Dataset, Dataset, long)} reading the rows of at most {@code pageLookupMax} shared keys page by
     * page, and those of more by a second full pass (tests take both ways).
     */
    public static CorpusDedup.History lookup(Dataset<Row> history, Dataset<Row> keys, long broadcastMax,
            int pageLookupMax) {
        if (history.isEmpty()) {
            return views(history);   // the first night: nothing to look up (not even tonight's keys to gather)
        }
        // Tonight's distinct keys, bodies and paragraphs together (a body hash never equals a paragraph hash but
        // by chance, and then the kind filters below keep each to its own).
        Dataset<Row> tonight = keys.select(col("bodyHash").as("h"))
                .union(keys.select(functions.explode(col("paragraphHashes")).as("h")))
                .select(hi(col("h")).as("k_hi"), lo(col("h")).as("k_lo"))
                .distinct()
                .localCheckpoint();
        boolean broadcast = tonight.count() <= broadcastMax;
        Dataset<Row> firstHalf = tonight.select(col("k_hi")).distinct();
        Dataset<Row> join = broadcast ? functions.broadcast(firstHalf) : firstHalf;
        // Step 1, which of tonight's keys the history holds: one pass over the first 64 bits of its keys alone (one
        // column of longs, probed against a map of longs: the cheapest pass Spark has). A night shares about 1% of
        // its keys with the history.
        List<Long> shared = history.select(col("hash_hi")).join(join, col("hash_hi").equalTo(col("k_hi")), "left_semi")
                .distinct().limit(pageLookupMax + 1).as(Encoders.LONG()).collectAsList();
        // Step 2, the rows of those keys: a filter on hash_hi that Parquet's column index turns into the few pages
        // (of DEDUP_KEYS_PAGE_ROWS rows, each file sorted by hash) whose range holds one; then matched on all 128
        // bits, and checkpointed for the three reads. Many shared keys (a night that resends the history) are read
        // by a second pass of the whole rows instead, probed like step 1.
        Dataset<Row> rows = shared.size() <= pageLookupMax ? pages(history, shared)
                : history.join(join, col("hash_hi").equalTo(col("k_hi")), "left_semi");
        // Checkpointed, not persisted: the plans that read them stay short (a cached plan is printed into every
        // plan that reads it, and that string alone cost seconds per night on the documents' plan).
        Dataset<Row> matched = inFilterThreshold(history.sparkSession(), IN_CHUNK, () -> rows
                .join(functions.broadcast(tonight), col("hash_hi").equalTo(col("k_hi"))
                        .and(col("hash_lo").equalTo(col("k_lo"))), "left_semi")
                .localCheckpoint());
        return views(matched);
    }

    /** The three reads dedup makes of the history's matched {@code dedup_keys} rows. */
    private static CorpusDedup.History views(Dataset<Row> matched) {
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

    /** Shared keys up to which their rows are read page by page (step 2 of {@link #lookup}); above, a full pass. */
    static final int PAGE_LOOKUP_MAX = 20_000;
    /**
     * Keys per {@code IN} filter: Spark pushes an {@code IN} list to Parquet as equalities (which the column index
     * can use page by page) only up to {@code spark.sql.parquet.pushdown.inFilterThreshold} values, else as one
     * min-max range; and Parquet evaluates the equalities as a chain of ORs, a few stack frames deep each (1,968
     * overflowed a task's stack here, 1,100 did not).
     */
    static final int IN_CHUNK = 512;

    /** The history's rows whose hash_hi is one of {@code keys}: one scan per chunk of keys, each reading its pages. */
    private static Dataset<Row> pages(Dataset<Row> history, List<Long> keys) {
        if (keys.isEmpty()) {
            return history.limit(0);
        }
        Dataset<Row> out = null;
        for (int from = 0; from < keys.size(); from += IN_CHUNK) {
            Dataset<Row> chunk = history.where(col("hash_hi").isin(
                    keys.subList(from, Math.min(keys.size(), from + IN_CHUNK)).toArray()));
            out = out == null ? chunk : out.union(chunk);
        }
        return out;
    }

    /** Runs {@code action} with Spark's IN pushdown threshold at least {@code values}, then restores it. */
    private static <T> T inFilterThreshold(org.apache.spark.sql.SparkSession spark, int values,
            java.util.function.Supplier<T> action) {
        String key = "spark.sql.parquet.pushdown.inFilterThreshold";
        String before = spark.conf().get(key);
        spark.conf().set(key, String.valueOf(Math.max(values, Integer.parseInt(before))));
        try {
            return action.get();
        } finally {
            spark.conf().set(key, before);
        }
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

    /**
     * Half of a 32-digit hex hash as a signed long: a plain Java parse of its 16 digits (Spark's {@code conv} took
     * about 10% of a night's CPU doing the same through strings). A hash of another length is a bug upstream: it
     * fails the task.
     */
    static final class HalfOfHash implements UDF1<String, Long> {
        private final int from;

        HalfOfHash(int from) {
            this.from = from;
        }

        @Override
        public Long call(String hex) {
            if (hex == null) {
                return null;
            }
            if (hex.length() != 32) {
                throw new IllegalArgumentException("Not a 32-digit hex hash: " + hex);
            }
            return Long.parseUnsignedLong(hex, from, from + 16, 16);
        }
    }

    private static final UserDefinedFunction HI = functions.udf(new HalfOfHash(0), DataTypes.LongType);
    private static final UserDefinedFunction LO = functions.udf(new HalfOfHash(16), DataTypes.LongType);

    /** The first 64 bits of a 32-digit hex hash, as a signed long. */
    static Column hi(Column hex) {
        return HI.apply(hex);
    }

    /** The last 64 bits of a 32-digit hex hash, as a signed long. */
    static Column lo(Column hex) {
        return LO.apply(hex);
    }

    /** The 32 lower-case hex digits of a hash given as its two halves ({@code hex} of a long is unsigned). */
    static Column hex(Column hi, Column lo) {
        return functions.lower(functions.concat(functions.lpad(functions.hex(hi), 16, "0"),
                functions.lpad(functions.hex(lo), 16, "0")));
    }
}
