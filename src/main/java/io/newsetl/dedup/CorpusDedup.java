package io.newsetl.dedup;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.when;

import io.newsetl.model.Body;
import io.newsetl.model.Document;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corpus-wide dedup of one night against itself and against every earlier night.
 *
 * <ol>
 *   <li><b>Boilerplate</b>: a paragraph carried by at least {@code boilerplateMinBodies} distinct bodies (tonight plus
 *       the {@code paragraph_index} of other nights) is boilerplate: removed from bodies, counted, and ignored when
 *       deciding near duplicates.</li>
 *   <li><b>Exact duplicates</b>: equal {@code body_hash} (the sequence of paragraph hashes). The canonical copy is an
 *       already committed article with that body if there is one (committed canonicals are never demoted), else the
 *       first of tonight's copies in {@link CanonicalOrder}.</li>
 *   <li><b>Near duplicates</b>: an article whose non-boilerplate paragraphs are, weighted by characters, at least
 *       {@code nearShare} contained in one canonical article that comes earlier (a committed article, or one of
 *       tonight's earlier in the canonical order). Chains are resolved so that an article is only ever a duplicate of
 *       a canonical article.</li>
 * </ol>
 * The articles are grouped by body once (their {@link #keys}); the paragraphs of each distinct body are then
 * aggregated by paragraph hash, and everything the decisions and {@code paragraph_index} need comes out of that one
 * aggregation: distinct bodies, articles, the first carrier ({@code min(canonical_key)}), and the few paragraphs
 * that two bodies share, which alone enter the pair join. Paragraph groups are resolved by aggregation, never by
 * sorting a group, so a paragraph in a million articles is pre-aggregated map-side, and boilerplate (the only
 * paragraphs that common) never enters the pair join.
 *
 * <pre>{@code
 * CorpusDedup.Result r = CorpusDedup.dedup(tonight, historyArticles, historyIndex, settings, runDate);
 * Dataset<Document> decided = r.all();
 * r.articles(decided);    // canonical articles, boilerplate removed
 * r.duplicates(decided);  // the rest, each with duplicateOf / duplicateKind / containedShare
 * r.paragraphIndex();     // tonight's contribution to paragraph_index
 * }</pre>
 */
public final class CorpusDedup {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusDedup.class);

    /** Config {@code dedup.*}. */
    public record Settings(double nearShare, long boilerplateMinBodies, Map<String, Integer> sourcePriority,
            int defaultSourcePriority, int maxRounds, int maxParagraphs) implements Serializable {
        public static Settings defaults() {
            return new Settings(0.8, 20, Map.of(), 100, 64, 1000);
        }

        /** Whether an article with this many paragraphs is compared on its first {@link #maxParagraphs} only. */
        public boolean truncates(int paragraphs) {
            return paragraphs > maxParagraphs;
        }
    }

    /**
     * @param all                   every article of tonight with its decision (duplicateOf null = canonical),
     *                              assembled from the documents and the small, cached decisions each time it is read
     * @param paragraphIndex        tonight's contribution to {@code paragraph_index}
     * @param boilerplateParagraphs rows of {@code paragraphIndex} that are boilerplate (known on the driver, which
     *                              broadcasts their hashes)
     */
    public record Result(Dataset<Document> all, Dataset<Row> paragraphIndex, long boilerplateParagraphs,
            List<Dataset<Row>> cached) {
        /** Frees what dedup persisted for its own steps; call once the tables are written. */
        public void release() {
            cached.forEach(Dataset::unpersist);
        }

        public Dataset<Document> articles(Dataset<Document> decided) {
            return decided.filter(col("duplicateOf").isNull());
        }

        public Dataset<Document> duplicates(Dataset<Document> decided) {
            return decided.filter(col("duplicateOf").isNotNull());
        }
    }

    private CorpusDedup() {
    }

    /**
     * What the decisions need of each of tonight's articles, beside its body's first article in
     * {@link CanonicalOrder} ({@code bodyFirst}) and its number of copies tonight ({@code bodyCopies}): small and
     * persisted, so that dedup's scans read it rather than the documents. Materialize it in the pass that fills the
     * documents' cache (one read of the parsed documents, not two: past a few hundred thousand articles their cache
     * no longer fits in memory and every scan of it reads it back whole from disk).
     *
     * @param tonight tonight's articles (no rejects) after {@link RepeatStage}
     */
    public static Dataset<Row> keys(Dataset<Document> tonight, int maxParagraphs) {
        // One shuffle by body, of a few small columns; the copies of one body meet on one task (not a footer's
        // carriers: those are aggregated map-side below).
        org.apache.spark.sql.expressions.WindowSpec body = org.apache.spark.sql.expressions.Window.partitionBy("bodyHash");
        return tonight.toDF().select(col("documentId"), col("bodyHash"), col("canonicalKey"),
                        compared(col("paragraphHashes"), maxParagraphs).as("paragraphHashes"),
                        compared(col("paragraphChars"), maxParagraphs).as("paragraphChars"))
                .withColumn("bodyFirst", min("canonicalKey").over(body))
                .withColumn("bodyCopies", count(lit(1)).over(body))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    }

    /** {@link #dedup(Dataset, Dataset, Dataset, Dataset, Settings, LocalDate)} with its own {@link #keys}. */
    public static Result dedup(Dataset<Document> tonight, Dataset<Row> history, Dataset<Row> historyIndex,
            Settings s, LocalDate runDate) {
        return dedup(tonight, keys(tonight, s.maxParagraphs()), history, historyIndex, s, runDate);
    }

    /**
     * @param tonight      tonight's articles (no rejects) after {@link RepeatStage}, best persisted: the decisions
     *                     are joined to it
     * @param keys         {@link #keys} of {@code tonight} (released with the result)
     * @param history      committed articles of other nights: {@code article_id, body_hash, paragraph_hashes}
     * @param historyIndex {@code paragraph_index} rows of other nights: {@code paragraph_hash, distinct_bodies}
     */
    public static Result dedup(Dataset<Document> tonight, Dataset<Row> keys, Dataset<Row> history,
            Dataset<Row> historyIndex, Settings s, LocalDate runDate) {
        Dataset<Row> docs = tonight.toDF();

        // 1. Exact duplicates: one canonical per body hash, committed articles first.
        Dataset<Row> committedBodies = history.groupBy(col("body_hash"))
                .agg(min("article_id").as("committed_id"));
        Dataset<Row> exact = keys.select("documentId", "bodyHash", "canonicalKey", "bodyFirst")
                .join(committedBodies, col("bodyHash").equalTo(col("body_hash")), "left")
                .select(col("documentId").as("x_id"),
                        when(col("committed_id").isNotNull(), col("committed_id"))
                                .when(col("canonicalKey").notEqual(col("bodyFirst")),
                                        expr("substring_index(bodyFirst, '|', -1)"))
                                .as("x_dup_of"))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> exactDups = exact.where(col("x_dup_of").isNotNull()).select(col("x_id").as("dup_id"));

        // 2. One row per paragraph of each distinct body of tonight (its first article's), with the body's number
        // of copies: a paragraph's distinct bodies are then its rows (RepeatStage leaves a hash at most once per
        // body), without aggregating (paragraph, body) first. Computed from the keys each time it is read (a filter
        // and an explode, no shuffle).
        Dataset<Row> paragraphs = keys.where(col("canonicalKey").equalTo(col("bodyFirst")))
                .select(col("documentId").as("id"), col("canonicalKey").as("ckey"), col("bodyCopies"),
                        col("paragraphHashes"), col("paragraphChars"),
                        posexplode(col("paragraphHashes")).as(new String[] {"pos", "h"}))
                // The body's arrays stay beside each row for the few carriers that need them (step 4); where they
                // are not read, Spark prunes them from the explode.
                .select(unhex(col("h")).as("hk"), col("id"), col("ckey"), col("bodyCopies"),
                        element_at(col("paragraphChars"), col("pos").plus(1)).as("chars"), col("paragraphHashes"),
                        col("paragraphChars"));

        // 3. Per paragraph: distinct bodies tonight plus other nights (boilerplate), articles, and the first carrier,
        // by partial aggregation: a footer in a million bodies is combined map-side, no task gets all its rows.
        Dataset<Row> bodiesBefore = historyIndex.select(unhex(col("paragraph_hash")).as("b_hk"), col("distinct_bodies"))
                .groupBy("b_hk").agg(sum("distinct_bodies").as("bodies_before"));
        Dataset<Row> counts = paragraphs.groupBy("hk")
                .agg(count(lit(1)).as("bodies_tonight"), sum("bodyCopies").as("articles"),
                        min(col("ckey")).as("first_key"))
                .join(bodiesBefore, col("hk").equalTo(col("b_hk")), "left")
                .select(col("hk"), col("bodies_tonight"), col("articles"), col("first_key"),
                        col("bodies_tonight").plus(coalesce(col("bodies_before"), lit(0L))).as("bodies_total"))
                // Read by the boilerplate set, the pair join and the index: computed once.
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        org.apache.spark.sql.Column isBoiler = col("bodies_total").geq(s.boilerplateMinBodies());
        // The night's boilerplate hashes (a few hundred at most: paragraphs found in many distinct articles, not
        // article data) go to every task as one broadcast hash set: a lookup per paragraph costs O(1).
        java.util.Set<String> boilerHashes = new java.util.HashSet<>(counts.where(isBoiler)
                .select(expr("lower(hex(hk))")).as(Encoders.STRING()).collectAsList());
        org.apache.spark.broadcast.Broadcast<java.util.Set<String>> boilerBroadcast =
                new org.apache.spark.api.java.JavaSparkContext(docs.sparkSession().sparkContext()).broadcast(boilerHashes);

        // 4. Near duplicates among survivors (the first article of each body, unless an exact copy), against each
        // other and against committed articles. Only a paragraph carried by two bodies tonight, or by a body tonight
        // and a committed article, can make two articles share text: the pair join runs on those (a small set).
        Dataset<Row> notBoiler = counts.where(isBoiler.unary_$bang());
        Dataset<Row> cCommitted = history.select(col("article_id").as("c"),
                        posexplode(compared(col("paragraph_hashes"), s.maxParagraphs())).as(new String[] {"p", "hh"}))
                .select(col("c"), unhex(col("hh")).as("c_hk"))
                .join(notBoiler, col("c_hk").equalTo(col("hk")), "left_semi")
                .select(col("c"), lit("").as("c_key"), col("c_hk"), lit(true).as("c_committed"))
                // Read twice (shared hashes, pairs); computing it scans every committed article's paragraphs.
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> sharedHashes = notBoiler.where(col("bodies_tonight").geq(2)).select(col("hk").as("s_hk"))
                .union(cCommitted.select(col("c_hk").as("s_hk")))
                .distinct();
        // Broadcast: the shared hashes are few (16 bytes each), and a shuffle join would move every paragraph row.
        // Each carrier's characters outside boilerplate (the denominator of its share) come from its own arrays
        // and the broadcast set, computed after the semi-join: only for carriers, with no join of totals.
        Dataset<Row> carriers = paragraphs.join(functions.broadcast(sharedHashes), col("hk").equalTo(col("s_hk")),
                        "left_semi")
                .select(col("hk"), col("ckey"), col("id"), col("chars"), nonBoilerplateChars(boilerBroadcast)
                        .apply(col("paragraphHashes"), col("paragraphChars")).as("total"))
                .join(exactDups, col("id").equalTo(col("dup_id")), "left_anti")
                // Both sides of the pair join: scanned once, not once per side.
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> cTonight = carriers.select(col("id").as("c"), col("ckey").as("c_key"), col("hk").as("c_hk"),
                lit(false).as("c_committed"));
        Dataset<Row> pairs = carriers.join(cTonight.unionByName(cCommitted), col("hk").equalTo(col("c_hk")))
                .where(col("c_committed").or(col("c_key").lt(col("ckey"))))
                .groupBy(col("id").as("a"), col("c"), col("c_key"), col("c_committed"))
                .agg(sum("chars").as("shared"), functions.max("total").as("total"));
        Dataset<Row> edges = pairs
                .select(col("a"), col("c"), col("c_key"), col("c_committed"),
                        col("shared").cast(DataTypes.DoubleType).divide(col("total")).as("share"))
                .where(col("share").geq(s.nearShare()))
                .localCheckpoint();
        // They served only the edges (now checkpointed).
        carriers.unpersist();
        cCommitted.unpersist();
        Dataset<Row> near = resolve(edges, s.maxRounds());

        // 5. The duplicates' decisions (a small share of the articles, broadcast), joined to the documents without
        // shuffling them; the boilerplate set (broadcast above) is removed from the bodies on the way.
        Dataset<Row> dupDecisions = exact.where(col("x_dup_of").isNotNull())
                .select(col("x_id").as("d_id"), col("x_dup_of"), lit(null).cast("string").as("n_dup_of"),
                        lit(null).cast("double").as("n_share"))
                .unionByName(near.select(col("n_id").as("d_id"), lit(null).cast("string").as("x_dup_of"),
                        col("n_dup_of"), col("n_share")));
        // Broadcast explicitly: the decisions' size is unknown to the planner (they come out of checkpoints), and
        // a sort-merge join would shuffle every document, bodies included, once per table written.
        Dataset<Row> decided = docs
                .join(functions.broadcast(dupDecisions), col("documentId").equalTo(col("d_id")), "left")
                .withColumn("duplicateOf", coalesce(col("x_dup_of"), col("n_dup_of")))
                .withColumn("duplicateKind", when(col("x_dup_of").isNotNull(), lit("exact"))
                        .when(col("n_dup_of").isNotNull(), lit("near")))
                .withColumn("containedShare", when(col("x_dup_of").isNotNull(), lit(1.0))
                        .otherwise(col("n_share")));
        org.apache.spark.sql.Column[] beanColumns = java.util.Arrays.stream(
                        Encoders.bean(Document.class).schema().fieldNames()).map(f -> col(f))
                .toArray(org.apache.spark.sql.Column[]::new);
        // Boilerplate removed on the rows: no article is decoded into a bean and encoded again, which at a million
        // articles was most of the write stage.
        Dataset<Document> all = withoutBoilerplate(decided, boilerBroadcast).select(beanColumns)
                .as(Encoders.bean(Document.class));

        // 6. Tonight's contribution to paragraph_index (all of tonight's articles, duplicates included); the first
        // carrier points at its canonical article.
        Dataset<Row> index = counts.select(col("hk"), col("bodies_tonight"), col("articles"), col("bodies_total"),
                        expr("substring_index(first_key, '|', -1)").as("first_id"))
                .join(functions.broadcast(dupDecisions), col("first_id").equalTo(col("d_id")), "left")
                .select(expr("lower(hex(hk))").as("paragraph_hash"),
                        coalesce(col("x_dup_of"), col("n_dup_of"), col("first_id")).as("canonical_article_id"),
                        col("articles"), col("bodies_tonight").as("distinct_bodies"),
                        col("bodies_total").as("distinct_bodies_total"),
                        col("bodies_total").geq(s.boilerplateMinBodies()).as("is_boilerplate"),
                        lit(java.sql.Date.valueOf(runDate)).as("run_date"));
        return new Result(all, index, boilerHashes.size(), List.of(keys, exact, counts));
    }

    /**
     * The paragraphs of an article that near-duplicate detection compares: the first {@code maxParagraphs}, which
     * bounds the rows and pairs one article can bring into the joins (see {@link Settings#truncates}).
     */
    static org.apache.spark.sql.Column compared(org.apache.spark.sql.Column array, int maxParagraphs) {
        return functions.slice(array, 1, maxParagraphs);
    }

    /**
     * Drops the paragraphs whose hash is in the night's boilerplate set from body, paragraphHashes and
     * paragraphChars, keeping the three aligned, and sets boilerplateRemoved, paragraphsKept and bodyChars (in Java
     * characters, like the rest of the pipeline). body_hash stays the pre-boilerplate identity. Articles without
     * boilerplate keep every column as it was; only their hashes are looked at, once, in a small UDF that returns
     * the positions to keep (null when all are kept).
     */
    static Dataset<Row> withoutBoilerplate(Dataset<Row> decided,
            org.apache.spark.broadcast.Broadcast<java.util.Set<String>> boilerplate) {
        org.apache.spark.sql.expressions.UserDefinedFunction keptPositions = functions.udf(
                (org.apache.spark.sql.api.java.UDF1<scala.collection.Seq<String>, int[]>) hashes -> {
                    java.util.Set<String> set = boilerplate.value();
                    if (hashes == null || set.isEmpty()) {
                        return null;
                    }
                    int n = hashes.size();
                    int[] keep = new int[n];
                    int k = 0;
                    for (int i = 0; i < n; i++) {
                        if (!set.contains(hashes.apply(i))) {
                            keep[k++] = i + 1;
                        }
                    }
                    return k == n ? null : java.util.Arrays.copyOf(keep, k);
                }, DataTypes.createArrayType(DataTypes.IntegerType));
        Dataset<Row> marked = decided.withColumn("bp_keep", keptPositions.apply(col("paragraphHashes")));
        org.apache.spark.sql.Column any = col("bp_keep").isNotNull();
        // Only articles with boilerplate reach the UDF (the other branch of the CASE is their own columns), so only
        // their bodies are converted to Java strings; one call gives every changed column, whose fields are read
        // from the one result.
        org.apache.spark.sql.types.StructType keptType = new org.apache.spark.sql.types.StructType()
                .add("body", DataTypes.StringType)
                .add("hashes", DataTypes.createArrayType(DataTypes.StringType))
                .add("chars", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("bodyChars", DataTypes.IntegerType);
        org.apache.spark.sql.expressions.UserDefinedFunction keep = functions.udf(
                (org.apache.spark.sql.api.java.UDF4<String, scala.collection.Seq<String>, scala.collection.Seq<Integer>,
                        scala.collection.Seq<Integer>, Row>) CorpusDedup::keepParagraphs, keptType);
        return marked
                .withColumn("bp", when(any, keep.apply(col("body"), col("paragraphHashes"), col("paragraphChars"),
                        col("bp_keep"))))
                .withColumn("body", when(any, col("bp.body")).otherwise(col("body")))
                .withColumn("bodyChars", when(any, col("bp.bodyChars")).otherwise(col("bodyChars")))
                .withColumn("boilerplateRemoved", when(any, functions.size(col("paragraphHashes"))
                        .minus(functions.size(col("bp_keep")))).otherwise(lit(0)))
                .withColumn("paragraphsKept", when(any, functions.size(col("bp_keep"))).otherwise(col("paragraphsKept")))
                .withColumn("paragraphChars", when(any, col("bp.chars")).otherwise(col("paragraphChars")))
                .withColumn("paragraphHashes", when(any, col("bp.hashes")).otherwise(col("paragraphHashes")))
                .withColumn("boilerplateHashes", lit(null).cast("array<string>"));
    }

    /**
     * The body's paragraphs at the kept 1-based positions (the body is its paragraphs joined by
     * {@link io.newsetl.model.Body#PARAGRAPH_SEPARATOR}), with their hashes and lengths, and the new body length.
     */
    static Row keepParagraphs(String body, scala.collection.Seq<String> hashes, scala.collection.Seq<Integer> chars,
            scala.collection.Seq<Integer> kept) {
        String sep = io.newsetl.model.Body.PARAGRAPH_SEPARATOR;
        List<int[]> paragraphs = io.newsetl.model.Body.paragraphRanges(body);
        if (paragraphs.size() != hashes.size()) {
            throw new IllegalStateException("Body has " + paragraphs.size() + " paragraphs but " + hashes.size()
                    + " paragraph hashes; a paragraph must not contain the separator.");
        }
        int n = kept.size();
        String[] keptHashes = new String[n];
        Integer[] keptChars = new Integer[n];
        StringBuilder out = new StringBuilder(body.length());
        for (int k = 0; k < n; k++) {
            int i = kept.apply(k) - 1;
            if (k > 0) {
                out.append(sep);
            }
            out.append(body, paragraphs.get(i)[0], paragraphs.get(i)[1]);
            keptHashes[k] = hashes.apply(i);
            keptChars[k] = chars.apply(i);
        }
        return org.apache.spark.sql.RowFactory.create(out.toString(), keptHashes, keptChars, out.length());
    }

    /** The characters of an article's paragraphs that are not in the night's boilerplate set. */
    private static org.apache.spark.sql.expressions.UserDefinedFunction nonBoilerplateChars(
            org.apache.spark.broadcast.Broadcast<java.util.Set<String>> boilerplate) {
        return functions.udf((org.apache.spark.sql.api.java.UDF2<scala.collection.Seq<String>,
                scala.collection.Seq<Integer>, Long>) (hashes, chars) -> {
                    java.util.Set<String> set = boilerplate.value();
                    long total = 0;
                    if (hashes == null) {
                        return total;
                    }
                    for (int i = 0; i < hashes.size(); i++) {
                        if (!set.contains(hashes.apply(i))) {
                            total += chars.apply(i);
                        }
                    }
                    return total;
                }, DataTypes.LongType);
    }

    /**
     * Decides near-duplicate edges {@code a → c} (a is contained in the earlier c) so that every article ends as
     * canonical or as the duplicate of a canonical one: an article with an edge to a canonical article is a duplicate
     * (of the one with the highest share, then the earliest); an article whose edges all lead to duplicates is
     * canonical. Edges point strictly back in the canonical order, so each round settles at least the earliest
     * undecided article.
     *
     * @return {@code n_id, n_dup_of, n_share} for the near duplicates
     */
    static Dataset<Row> resolve(Dataset<Row> edges, int maxRounds) {
        Dataset<Row> sources = edges.select(col("a").as("u")).distinct();
        // Canonical for sure: committed articles, and targets that have no edge of their own.
        Dataset<Row> canonical = edges.where(col("c_committed")).select(col("c").as("k"))
                .union(edges.where(col("c_committed").equalTo(false)).select(col("c").as("k"))
                        .join(sources, col("k").equalTo(col("u")), "left_anti"))
                .distinct().localCheckpoint();
        Dataset<Row> undecided = sources.localCheckpoint();
        Dataset<Row> dups = edges.sparkSession().emptyDataFrame()
                .select(lit(null).cast("string").as("n_id"), lit(null).cast("string").as("n_dup_of"),
                        lit(null).cast("double").as("n_share"));
        for (int round = 1; undecided.count() > 0; round++) {
            if (round > maxRounds) {
                throw new IllegalStateException("Near-duplicate chains did not settle in " + maxRounds
                        + " rounds (dedup.max-rounds); raise it for corpora with very long chains of re-edited copies.");
            }
            Dataset<Row> open = edges.join(undecided, col("a").equalTo(col("u")), "left_semi");
            Dataset<Row> newDups = open.join(canonical, col("c").equalTo(col("k")), "left_semi")
                    .groupBy(col("a"))
                    .agg(min(struct(expr("-share").as("ns"), col("c_key"), col("c"))).as("pick"))
                    .select(col("a").as("n_id"), col("pick.c").as("n_dup_of"), expr("-pick.ns").as("n_share"))
                    .localCheckpoint();
            Dataset<Row> stillOpen = undecided.join(newDups, col("u").equalTo(col("n_id")), "left_anti");
            Dataset<Row> allDups = dups.unionByName(newDups);
            // Undecided articles that still have an edge to an undecided article wait for the next round.
            Dataset<Row> blocked = edges.join(stillOpen, col("a").equalTo(col("u")), "left_semi")
                    .join(stillOpen.select(col("u").as("u2")), col("c").equalTo(col("u2")), "left_semi")
                    .select(col("a").as("bu")).distinct();
            Dataset<Row> newCanonical = stillOpen.join(blocked, col("u").equalTo(col("bu")), "left_anti")
                    .select(col("u").as("k"));
            canonical = canonical.union(newCanonical).localCheckpoint();
            undecided = stillOpen.join(blocked, col("u").equalTo(col("bu")), "left_semi").localCheckpoint();
            dups = allDups.localCheckpoint();
            LOG.debug("near-duplicate resolution round {}", round);
        }
        return dups;
    }
}
