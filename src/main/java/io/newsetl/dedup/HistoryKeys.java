package io.newsetl.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * What corpus dedup needs of the committed nights, and the two ways to get it: by <b>lookup</b> in the
 * {@code dedup_keys} table (what a night does: its cost follows tonight's keys, not the history's arrays), or by
 * <b>scan</b> of the committed {@code articles} and {@code paragraph_index} (the definition, and the oracle the
 * lookup is tested against: both give dedup the same rows for tonight's keys, so the same decisions).
 *
 * <p>{@code dedup_keys} holds three kinds of rows, each a key ({@code hash_hi}, the hash's first 64 bits) and the
 * rest of the row packed in one binary {@link KeyEntry} (no hex strings, no arrays):
 * <ul>
 *   <li>{@code body}: per committed article, its body_hash and id (exact copies);</li>
 *   <li>{@code carrier}: per paragraph of a committed article, the paragraph, the article and its position (the
 *       committed side of the near-duplicate pair join);</li>
 *   <li>{@code paragraph}: per paragraph_index row, the paragraph and its distinct bodies that night (boilerplate).</li>
 * </ul>
 * A lookup splits tonight's keys (a 10,000-article night has about 180,000, 90,000 of them distinct) by hash range
 * into slices (one per 20,000 articles, at most one per core), and one task per slice probes every file of the table
 * for its keys of that file's kind (body hashes in {@code body} files, paragraph hashes in the others), reading only
 * what they can match there ({@link KeyFiles}): the Bloom filters on {@code hash_hi} of the row groups in its range
 * tell which of its keys a file may hold (about 1% of them are in the history), and the column index the few pages
 * of small, hash-sorted pages that hold them. Nothing of the history is scanned,
 * shuffled, exploded or aggregated, no key passes through the driver, and no index lives there: the cost follows
 * tonight's keys and the number of files (which {@code compact} bounds), not the history's rows. The probe runs in
 * the background while the driver plans dedup over its rows.
 *
 * <pre>{@code
 * Dataset<Row> keys = CorpusDedup.keys(tonight, settings.maxParagraphs());
 * CorpusDedup.History h = HistoryKeys.lookup(io.newsetl.output.TableWriter.files(spark, "/warehouse/news",
 *         io.newsetl.output.TableSchemas.DEDUP_KEYS), LocalDate.parse("2018-05-31"), keys, 10_000L);
 * CorpusDedup.History same = HistoryKeys.scan(historyArticles, historyIndex);   // reads everything, decides alike
 * Dataset<Row> rows = HistoryKeys.rows(historyArticles, historyIndex, runDate); // a night's dedup_keys rows
 * }</pre>
 */
public final class HistoryKeys {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryKeys.class);

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
        Dataset<Row> bodies = articles.select(hi(col("body_hash")).as("hash_hi"),
                BODY_ENTRY.apply(col("body_hash"), col("article_id")).as("entry"), night, lit(BODY).as("kind"));
        Dataset<Row> carriers = articles.select(col("article_id"), posexplode(col("paragraph_hashes")).as(new String[] {"p", "h"}))
                .select(hi(col("h")).as("hash_hi"), CARRIER_ENTRY.apply(col("h"), col("article_id"), col("p")).as("entry"),
                        night, lit(CARRIER).as("kind"));
        Dataset<Row> paragraphs = paragraphIndex.select(hi(col("paragraph_hash")).as("hash_hi"),
                PARAGRAPH_ENTRY.apply(col("paragraph_hash"), col("distinct_bodies")).as("entry"), night,
                lit(PARAGRAPH).as("kind"));
        return bodies.unionByName(carriers).unionByName(paragraphs);
    }

    /** {@link KeyEntry#body} of a body_hash and an article_id (hex). */
    private static final UserDefinedFunction BODY_ENTRY = functions.udf(
            (org.apache.spark.sql.api.java.UDF2<String, String, byte[]>) (hash, article) -> KeyEntry.body(
                    parseHalf(hash, 16), parseHalf(article, 0), parseHalf(article, 16)), DataTypes.BinaryType);
    /** {@link KeyEntry#carrier} of a paragraph hash, its article_id (hex) and its position. */
    private static final UserDefinedFunction CARRIER_ENTRY = functions.udf(
            (org.apache.spark.sql.api.java.UDF3<String, String, Integer, byte[]>) (hash, article, position) ->
                    KeyEntry.carrier(parseHalf(hash, 16), parseHalf(article, 0), parseHalf(article, 16),
                            java.util.Objects.requireNonNull(position, "position")), DataTypes.BinaryType);
    /** {@link KeyEntry#paragraph} of a paragraph hash (hex) and its distinct bodies. */
    private static final UserDefinedFunction PARAGRAPH_ENTRY = functions.udf(
            (org.apache.spark.sql.api.java.UDF2<String, Long, byte[]>) (hash, distinct) -> KeyEntry.paragraph(
                    parseHalf(hash, 16), java.util.Objects.requireNonNull(distinct, "distinct_bodies")),
            DataTypes.BinaryType);

    /**
     * The history for tonight's keys, looked up in the {@code dedup_keys} files of the other nights: tonight's keys
     * split by hash range into {@link #slices} slices, each slice probed in every file by one task.
     *
     * @param files    the files of {@code dedup_keys} as committed ({@link io.newsetl.output.TableWriter#files}: every
     *                 night's rows; tonight's, on a rerun, are skipped)
     * @param night    tonight
     * @param keys     {@link CorpusDedup#keys} of tonight (body hashes and compared paragraph hashes, hex)
     * @param articles tonight's articles (the rows of {@code keys}), which set the number of slices
     */
    public static CorpusDedup.History lookup(String[] files, LocalDate night, Dataset<Row> keys, long articles) {
        return lookup(files, night, keys, slices(articles, keys.sparkSession().sparkContext().defaultParallelism()));
    }

    /**
     * Tonight's articles per slice of a lookup, at most: about 360,000 keys, 180,000 distinct (2.9 MB of longs). A
     * slice's fixed cost (every file's footer and Bloom filters, and Parquet's reading code cold in its executor)
     * outweighs its keys' below that: a 10,000-article night on 2 cores looked up in 1 slice rather than 2 left a core
     * to dedup's own planning and counting, which run alongside (its dedup took 7.5 s rather than 7.9 s).
     */
    static final int SLICE_ARTICLES = 20_000;

    /**
     * Slices of a lookup: one per {@link #SLICE_ARTICLES} of tonight's articles, at most one per core. Every slice
     * opens every file of the table (its footer, and the Bloom filters of the row groups in the slice's range), so
     * more slices than the keys need would multiply those reads by the cluster's size.
     */
    static int slices(long articles, int cores) {
        return (int) Math.max(1, Math.min(cores, (articles + SLICE_ARTICLES - 1) / SLICE_ARTICLES));
    }

    /**
     * {@link #lookup(String[], LocalDate, Dataset, long)} in {@code slices} tasks (tests take every number).
     *
     * <p>Returns at once: the probe's job is submitted asynchronously and caches the matched rows while the caller
     * plans dedup over them, so the lookup's tasks and the driver's planning overlap. Dedup's first step that reads
     * the rows uses that cache (on the executor that computes a partition, a second task waits for it rather than
     * computing it again; on a cluster, a task of dedup's may still probe a slice that another executor is probing).
     * The planner cannot know their number beforehand, so the history says they are few
     * ({@link CorpusDedup.History#fewRows}: at most tonight's keys' matches) and dedup broadcasts them to its joins,
     * whose plans over tonight's rows stay a first night's. A probe that fails fails the dedup step that reads its
     * rows, with its own error (its log line only warns). {@link CorpusDedup.History#release} frees the rows, and
     * cancels the probe if it still runs.
     */
    public static CorpusDedup.History lookup(String[] files, LocalDate night, Dataset<Row> keys, int slices) {
        long t0 = System.nanoTime();
        SparkSession spark = keys.sparkSession();
        if (files.length == 0) {
            // The first night: nothing to look up (not even tonight's keys to slice), and an empty history that the
            // planner drops from every step of dedup.
            return views(spark.createDataFrame(List.of(), MATCHED));
        }
        // Tonight's distinct keys, as the probe's tasks count them (for the log line only: a task run twice counts
        // twice), and the number of slices that had any.
        org.apache.spark.util.LongAccumulator probed = spark.sparkContext().longAccumulator("dedup lookup keys");
        String[] kinds = kinds(files);
        JavaRDD<long[]> packed = probe(spark, files, kinds, keys, night, Math.max(1, slices), probed)
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        // Submitted here, on the driver's thread (its local properties, its pool), and awaited by no one: dedup's
        // first read of the rows waits for their cache instead. Only the log line waits for the job.
        org.apache.spark.util.LongAccumulator matched = spark.sparkContext().longAccumulator("dedup lookup rows");
        org.apache.spark.api.java.JavaFutureAction<Void> probing =
                packed.foreachAsync(slice -> matched.add(slice.length / KeyFiles.PACKED_WIDTH));
        Thread log = new Thread(() -> logLookup(probing, probed, matched, files.length, t0), "dedup-history-lookup");
        log.setDaemon(true);
        log.start();
        CorpusDedup.History h = views(spark.createDataFrame(
                packed.flatMap(slice -> matchedRows(slice, kinds).iterator()), MATCHED));
        return new CorpusDedup.History(h.bodies(), h.carriers(), h.counts(), () -> {
            probing.cancel(false);   // a no-op once it is done
            packed.unpersist(false);
        }, true);
    }

    /**
     * One line per night, once the probe's job ends: a lookup's files and matched rows are what grows if
     * {@code compact} stops running (its seconds are a fixed cost while the files stay few: see scaling.md).
     */
    private static void logLookup(org.apache.spark.api.java.JavaFutureAction<Void> probing,
            org.apache.spark.util.LongAccumulator probed, org.apache.spark.util.LongAccumulator matched, int files,
            long t0) {
        try {
            probing.get();
            LOG.info("dedup: history looked up (while dedup planned): {} of tonight's keys in {} slices, {} "
                    + "dedup_keys files, {} rows matched, {} s", probed.sum(), probed.count(), files, matched.sum(),
                    String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.CancellationException | java.util.concurrent.ExecutionException e) {
            if (probing.isCancelled()) {
                LOG.info("dedup: history lookup cancelled (the night released it before it ended)");
            } else {
                LOG.warn("dedup: the history lookup failed in the background ({}); dedup's first read of its rows "
                        + "runs it again and fails the night with its error",
                        io.newsetl.model.LogSafe.escape(String.valueOf(e.getCause() == null ? e : e.getCause())));
            }
        }
    }

    /** Each file's kind, from its folder, read once on the driver (every slice reads every file). */
    private static String[] kinds(String[] files) {
        String partition = io.newsetl.output.TableSchemas.DEDUP_KEYS.partitionColumn() + "=";
        String[] kinds = new String[files.length];
        for (int f = 0; f < files.length; f++) {
            String folder = new org.apache.hadoop.fs.Path(files[f]).getParent().getName();
            if (!folder.startsWith(partition)) {
                throw new IllegalStateException("dedup_keys file outside a " + partition + "* folder: " + files[f]);
            }
            kinds[f] = folder.substring(partition.length());
        }
        return kinds;
    }

    /**
     * Columns of the matched rows: what the three views read, the hash and article as the tables print them (hex),
     * so that the views only pick columns: the few thousand rows are formatted in Java, and dedup's plans over them
     * carry no expression to compile for it.
     */
    static final StructType MATCHED = new StructType()
            .add("hash", DataTypes.StringType).add("article", DataTypes.StringType)
            .add("position", DataTypes.IntegerType).add("distinct_bodies", DataTypes.LongType)
            .add("kind", DataTypes.StringType);

    /** A slice's matches ({@link KeyFiles#rows}) as {@link #MATCHED} rows. */
    static List<Row> matchedRows(long[] packed, String[] kinds) {
        List<Row> out = new java.util.ArrayList<>(packed.length / KeyFiles.PACKED_WIDTH);
        for (Row r : KeyFiles.rows(packed, kinds)) {
            out.add(org.apache.spark.sql.RowFactory.create(hex(r, 0), hex(r, 2), r.get(4), r.get(5), r.get(6)));
        }
        return out;
    }

    /** The 32 hex digits of the hash whose halves are at {@code hi} and {@code hi + 1}, or null. */
    private static String hex(Row r, int hi) {
        return r.isNullAt(hi) ? null : new io.newsetl.model.Hash128(r.getLong(hi), r.getLong(hi + 1)).hex();
    }

    /**
     * Tonight's keys, split by hash range into {@code slices} (one shuffle of 16 bytes a key, in arrays of longs, not
     * a Row each; none for one slice, whose task reads the keys' cached partitions); each slice's task then probes
     * every file of the table for its keys of the file's kind ({@link SliceKeys}, {@link KeyFiles}), reading only the
     * row groups whose range overlaps its slice: their Bloom filters on {@code hash_hi} tell which of the keys they may
     * hold (about 1% of them are in the history), and their column index the few pages of small, hash-sorted pages
     * that hold those. Nothing of the history is shuffled, sorted or aggregated, no key passes through the driver, and
     * a task holds only its slice of tonight's keys.
     */
    private static JavaRDD<long[]> probe(SparkSession spark, String[] files, String[] kinds, Dataset<Row> keys,
            LocalDate night, int slices, org.apache.spark.util.LongAccumulator counted) {
        // Spark's own rows of the cached keys: each hash's 32 bytes parsed where they lie, with no Row, Scala Seq or
        // String made per key.
        JavaPairRDD<Integer, long[]> sliced = keys.select(col("bodyHash"), col("paragraphHashes")).queryExecution()
                .toRdd().toJavaRDD()
                .mapPartitionsToPair(it -> {
                    // Per slice, the body hashes and the paragraph hashes apart: each kind's files are probed for
                    // the keys that can match there only.
                    com.carrotsearch.hppc.LongArrayList[] bodies = new com.carrotsearch.hppc.LongArrayList[slices];
                    com.carrotsearch.hppc.LongArrayList[] paragraphs = new com.carrotsearch.hppc.LongArrayList[slices];
                    it.forEachRemaining(r -> {
                        addKey(bodies, r.getUTF8String(0), slices);
                        if (!r.isNullAt(1)) {
                            ArrayData hashes = r.getArray(1);
                            for (int i = 0; i < hashes.numElements(); i++) {
                                addKey(paragraphs, hashes.getUTF8String(i), slices);
                            }
                        }
                    });
                    List<Tuple2<Integer, long[]>> out = new java.util.ArrayList<>();
                    for (int s = 0; s < slices; s++) {
                        if (bodies[s] != null || paragraphs[s] != null) {
                            out.add(new Tuple2<>(s, SliceKeys.pack(bodies[s], paragraphs[s])));
                        }
                    }
                    return out.iterator();
                });
        // One slice is one task that reads every partition of the keys where they are cached: no shuffle, and no
        // stage to wait for before the probe starts.
        // (An Integer's hash is itself: slice s goes to partition s.)
        JavaRDD<long[]> bySlice = slices == 1 ? sliced.values().coalesce(1)
                : sliced.partitionBy(new org.apache.spark.HashPartitioner(slices)).values();
        Broadcast<SerializableConfiguration> conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        // Tonight's rows (a rerun's) are skipped by their run_date, read only in the files whose name allows them.
        int[] excluded = new int[files.length];
        for (int f = 0; f < files.length; f++) {
            excluded[f] = io.newsetl.output.NightRegistry.mayHold(new org.apache.hadoop.fs.Path(files[f]).getName(),
                    night) ? (int) night.toEpochDay() : KeyFiles.NO_NIGHT;
        }
        return bySlice.mapPartitions(it -> {
            SliceKeys slice = SliceKeys.of(it);
            com.carrotsearch.hppc.LongArrayList out = new com.carrotsearch.hppc.LongArrayList();
            if (slice.size() > 0) {
                counted.add(slice.size());
                for (int f = 0; f < files.length; f++) {
                    KeyFiles.Keys ofKind = BODY.equals(kinds[f]) ? slice.bodies() : slice.paragraphs();
                    if (ofKind.size() > 0) {
                        KeyFiles.matches(conf.value().value(), files[f], ofKind, excluded[f], f, out);
                    }
                }
            }
            // One array of longs per slice (KeyFiles.PACKED_WIDTH a row), not a Row per match: cached and sent as is.
            return java.util.List.of(out.toArray()).iterator();
        });
    }

    /** Adds a hash's two halves to the list of its slice. */
    private static void addKey(com.carrotsearch.hppc.LongArrayList[] bySlice, UTF8String hash, int slices) {
        long hi = half(hash, 0);
        int s = slice(hi, slices);
        if (bySlice[s] == null) {
            bySlice[s] = new com.carrotsearch.hppc.LongArrayList();
        }
        bySlice[s].add(hi, half(hash, 16));
    }

    /**
     * A slice's keys by kind: tonight's body hashes, probed in the {@code body} files only, and its paragraph hashes,
     * probed in the {@code carrier} and {@code paragraph} files only (dedup joins each kind's rows on its own hashes,
     * so a row that only a key of the other kind matches changes nothing, and skipping those probes drops their
     * false positives' page reads).
     */
    record SliceKeys(KeyFiles.Keys bodies, KeyFiles.Keys paragraphs) {

        /** Distinct keys of both kinds (a hash that is of both counts twice). */
        int size() {
            return bodies.size() + paragraphs.size();
        }

        /** One partition's keys of a slice, as shipped: {@code [body longs, body pairs..., paragraph pairs...]}. */
        static long[] pack(com.carrotsearch.hppc.LongArrayList bodies, com.carrotsearch.hppc.LongArrayList paragraphs) {
            int b = bodies == null ? 0 : bodies.size();
            int p = paragraphs == null ? 0 : paragraphs.size();
            long[] out = new long[1 + b + p];
            out[0] = b;
            if (b > 0) {
                System.arraycopy(bodies.buffer, 0, out, 1, b);
            }
            if (p > 0) {
                System.arraycopy(paragraphs.buffer, 0, out, 1 + b, p);
            }
            return out;
        }

        /** The slice's keys from its {@link #pack}ed arrays (one per partition of tonight's keys). */
        static SliceKeys of(java.util.Iterator<long[]> packed) {
            com.carrotsearch.hppc.LongArrayList bodies = new com.carrotsearch.hppc.LongArrayList();
            com.carrotsearch.hppc.LongArrayList paragraphs = new com.carrotsearch.hppc.LongArrayList();
            packed.forEachRemaining(a -> {
                int b = (int) a[0];
                bodies.add(a, 1, b);
                paragraphs.add(a, 1 + b, a.length - 1 - b);
            });
            return new SliceKeys(KeyFiles.Keys.ofPairs(bodies.toArray()), KeyFiles.Keys.ofPairs(paragraphs.toArray()));
        }
    }

    /**
     * The slice of the hash range a key's first half falls in, of {@code slices} equal ones in the order of signed
     * longs (the order the files are sorted in, so that a slice overlaps few of a large file's row groups).
     */
    static int slice(long hashHi, int slices) {
        return (int) ((((hashHi >> 32) + (1L << 31)) * slices) >>> 32);
    }

    /** The three reads dedup makes of the history's matched {@code dedup_keys} rows. */
    private static CorpusDedup.History views(Dataset<Row> matched) {
        Column hash = col("hash");
        Column article = col("article");
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
     * Dedup reads its carriers twice (in its paragraph counts and in the pair join), every committed article's
     * paragraphs each time: an oracle and a fallback ({@code dedup.history = scan}), not a night's path.
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
            return hex == null ? null : parseHalf(hex, from);
        }
    }

    /** Half of a 32-digit hex hash or id, from digit {@code from} (0 or 16); null or another form fails the task. */
    static long parseHalf(String hex, int from) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("Not a 32-digit hex hash: " + hex);
        }
        return Long.parseUnsignedLong(hex, from, from + 16, 16);
    }

    /**
     * {@link HalfOfHash} of a hash as Spark holds it (UTF-8 bytes, here ASCII hex digits), read in place: what a
     * lookup does with each of tonight's keys. A null hash or one of another form is a bug upstream: it fails the task.
     */
    static long half(UTF8String hex, int from) {
        if (hex == null || hex.numBytes() != 32) {
            throw new IllegalArgumentException("Not a 32-digit hex hash: " + hex);
        }
        Object base = hex.getBaseObject();
        long offset = hex.getBaseOffset();
        long value = 0;
        for (int i = from; i < from + 16; i++) {
            int digit = Character.digit(org.apache.spark.unsafe.Platform.getByte(base, offset + i), 16);
            if (digit < 0) {
                throw new IllegalArgumentException("Not a 32-digit hex hash: " + hex);
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static final UserDefinedFunction HI = functions.udf(new HalfOfHash(0), DataTypes.LongType);

    /** The first 64 bits of a 32-digit hex hash, as a signed long. */
    static Column hi(Column hex) {
        return HI.apply(hex);
    }
}
