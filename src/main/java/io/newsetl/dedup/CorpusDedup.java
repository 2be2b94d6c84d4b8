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
import org.apache.spark.sql.Column;
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
 * Dataset<Row> keys = CorpusDedup.keys(tonight, settings.maxParagraphs());
 * CorpusDedup.Result r = CorpusDedup.dedup(tonight, keys, HistoryKeys.scan(historyArticles, historyIndex), settings,
 *         runDate);   // or HistoryKeys.lookup(...), as a night does
 * Dataset<Document> decided = r.all();
 * r.articles(decided);    // canonical articles, boilerplate removed
 * r.duplicates(decided);  // the rest, each with duplicateOf / duplicateKind / containedShare
 * r.paragraphIndex();     // tonight's contribution to paragraph_index
 * }</pre>
 */
public final class CorpusDedup {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusDedup.class);

    /** Config {@code dedup.*}; {@code scanHistory} is {@code dedup.history = scan}. */
    public record Settings(double nearShare, long boilerplateMinBodies, Map<String, Integer> sourcePriority,
            int defaultSourcePriority, int maxRounds, int maxParagraphs, boolean scanHistory) implements Serializable {
        public Settings(double nearShare, long boilerplateMinBodies, Map<String, Integer> sourcePriority,
                int defaultSourcePriority, int maxRounds, int maxParagraphs) {
            this(nearShare, boilerplateMinBodies, sourcePriority, defaultSourcePriority, maxRounds, maxParagraphs, false);
        }

        public static Settings defaults() {
            return new Settings(0.8, 20, Map.of(), 100, 64, 1000, false);
        }

        /** Whether an article with this many paragraphs is compared on its first {@link #maxParagraphs} only. */
        public boolean truncates(int paragraphs) {
            return paragraphs > maxParagraphs;
        }
    }

    /**
     * What dedup needs of the committed nights, restricted or not to tonight's keys (a restriction to them changes
     * no decision): {@link HistoryKeys#lookup} or {@link HistoryKeys#scan}.
     *
     * @param bodies   committed articles' bodies: {@code body_hash, article_id}
     * @param carriers committed articles' paragraphs: {@code article_id, paragraph_hash, position} (0-based)
     * @param counts   paragraph_index rows: {@code paragraph_hash, distinct_bodies}
     * @param release  frees what the three hold (a lookup's cached rows), once dedup is done with them
     * @param fewRows  whether the rows are restricted to tonight's keys (a lookup: a few per key, a few thousand a
     *                 night), so that dedup's joins broadcast them rather than shuffle tonight's rows to meet them:
     *                 tonight's steps then keep the plans of a first night, the history's rows joined in beside them
     */
    public record History(Dataset<Row> bodies, Dataset<Row> carriers, Dataset<Row> counts, Runnable release,
            boolean fewRows) {
        /** Rows of any number (a scan), nothing to release. */
        public History(Dataset<Row> bodies, Dataset<Row> carriers, Dataset<Row> counts) {
            this(bodies, carriers, counts, () -> { }, false);
        }

        /** {@code rows} (some of these), hinted to be broadcast to the joins that read them when they are few. */
        Dataset<Row> joined(Dataset<Row> rows) {
            return fewRows ? functions.broadcast(rows) : rows;
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

    /**
     * {@link #dedup(Dataset, Dataset, History, Settings, LocalDate)} with its own {@link #keys}, against the history
     * by scan ({@link HistoryKeys#scan}).
     *
     * @param history      committed articles of other nights: {@code article_id, body_hash, paragraph_hashes}
     * @param historyIndex {@code paragraph_index} rows of other nights: {@code paragraph_hash, distinct_bodies}
     */
    public static Result dedup(Dataset<Document> tonight, Dataset<Row> history, Dataset<Row> historyIndex,
            Settings s, LocalDate runDate) {
        Dataset<Row> keys = keys(tonight, s.maxParagraphs());
        Result r = dedup(tonight, keys, HistoryKeys.scan(history, historyIndex), s, runDate);
        // Keys made here are this result's to release.
        List<Dataset<Row>> cached = new java.util.ArrayList<>(r.cached());
        cached.add(keys);
        return new Result(r.all(), r.paragraphIndex(), r.boilerplateParagraphs(), List.copyOf(cached));
    }

    /**
     * Corpus dedup as named steps. What is cached or broadcast, and why, is said here and nowhere else:
     * <ul>
     *   <li>{@code keys} (the caller's, persisted in the read pass): every step reads it;</li>
     *   <li>{@link #exactCopies} persisted: read by the decisions each time they are broadcast;</li>
     *   <li>{@link #paragraphCounts} persisted: read by the boilerplate set, the pair join and the index;</li>
     *   <li>the boilerplate hashes (a few hundred) broadcast as a hash set to every task;</li>
     *   <li>a lookup's rows of the history ({@link History#fewRows}) broadcast to the joins with tonight's rows, so
     *       that those keep a first night's plans (the planner cannot size rows that a task makes);</li>
     *   <li>inside {@link #nearEdges}, tonight's carriers persisted while the pair join reads them, and the edges
     *       checkpointed (then the carriers released);</li>
     *   <li>the decisions (a small share of the articles) broadcast into the join with the documents, which are
     *       therefore never shuffled.</li>
     * </ul>
     *
     * @param tonight      tonight's articles (no rejects) after {@link RepeatStage}, best persisted: the decisions
     *                     are joined to it
     * @param keys         {@link #keys} of {@code tonight}; the caller's, who releases it
     * @param history      the committed nights, as far as tonight's keys can match them
     */
    public static Result dedup(Dataset<Document> tonight, Dataset<Row> keys, History history, Settings s,
            LocalDate runDate) {
        DedupRules rules = DedupRules.of(s);
        Dataset<Row> exact = persist(exactCopies(keys, history));
        Dataset<Row> paragraphs = paragraphRows(keys);
        Dataset<Row> committed = committedCarriers(history.carriers(), s.maxParagraphs());
        Dataset<Row> counts = persist(paragraphCounts(paragraphs, history.counts(), committed));
        java.util.Set<String> boilerHashes = boilerplate(counts, rules);
        org.apache.spark.broadcast.Broadcast<java.util.Set<String>> boiler =
                new org.apache.spark.api.java.JavaSparkContext(keys.sparkSession().sparkContext()).broadcast(boilerHashes);
        Dataset<Row> edges = nearEdges(paragraphs, counts, history, committed, boiler, rules);
        Dataset<Row> near = resolve(edges, s.maxRounds());
        Dataset<Row> decisions = decisions(exact, near);
        Dataset<Document> all = decided(tonight, decisions, boiler);
        Dataset<Row> index = paragraphIndex(counts, decisions, rules, runDate);
        return new Result(all, index, boilerHashes.size(), List.of(exact, counts));
    }

    // Columns of the steps below, named once.
    private static final String ARTICLE = "article";
    private static final String ARTICLE_KEY = "article_key";
    private static final String BODY_COPIES = "body_copies";
    private static final String BODY = "body_hash";
    private static final String PARAGRAPH = "paragraph";
    private static final String PARAGRAPH_CHARS = "paragraph_chars";
    private static final String COMMITTED_ID = "committed_id";
    private static final String COMMITTED_BODY = "committed_body";
    private static final String EXACT_ARTICLE = "exact_article";
    private static final String EXACT_COPY_OF = "exact_copy_of";
    private static final String BODIES_TONIGHT = "bodies_tonight";
    private static final String BODIES_BEFORE = "bodies_before";
    private static final String BODIES_TOTAL = "bodies_total";
    private static final String CARRIED_BEFORE = "carried_before";
    private static final String ARTICLES = "articles";
    private static final String FIRST_KEY = "first_key";
    private static final String SHARED_PARAGRAPH = "shared_paragraph";
    private static final String TOTAL_CHARS = "total_chars";
    private static final String SHARED_CHARS = "shared_chars";
    /** Edge columns, read by {@link #resolve}: an article, a candidate original, and the share it carries. */
    static final String EDGE_ARTICLE = "edge_article";
    static final String CANDIDATE = "candidate";
    static final String CANDIDATE_KEY = "candidate_key";
    static final String CANDIDATE_COMMITTED = "candidate_committed";
    static final String CANDIDATE_PARAGRAPH = "candidate_paragraph";
    static final String SHARE = "share";
    /** Decision columns: near copies from {@link #resolve}, then every duplicate. */
    static final String NEAR_ARTICLE = "near_article";
    static final String NEAR_COPY_OF = "near_copy_of";
    static final String NEAR_SHARE = "near_share";
    private static final String DECIDED_ARTICLE = "decided_article";

    private static Dataset<Row> persist(Dataset<Row> ds) {
        return ds.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * Step 1, exact copies: per article, the article it copies exactly ({@link DedupRules#exactCopyOf}), or null.
     * {@code EXACT_ARTICLE, EXACT_COPY_OF}.
     */
    static Dataset<Row> exactCopies(Dataset<Row> keys, History history) {
        Dataset<Row> committedBodies = history.joined(history.bodies().groupBy(col("body_hash"))
                .agg(min("article_id").as(COMMITTED_ID)));
        return keys.select("documentId", "bodyHash", "canonicalKey", "bodyFirst")
                .join(committedBodies, col("bodyHash").equalTo(col("body_hash")), "left")
                .select(col("documentId").as(EXACT_ARTICLE), DedupRules.exactCopyOfCol(col(COMMITTED_ID),
                        col("canonicalKey"), col("bodyFirst")).as(EXACT_COPY_OF));
    }

    /**
     * Step 2, paragraph rows: one row per paragraph of each distinct body of tonight (its first article's), with
     * the body's number of copies. A paragraph's distinct bodies are then its rows (RepeatStage leaves a hash at
     * most once per body), without aggregating (paragraph, body) first. Computed from the keys each time it is
     * read (a filter and an explode, no shuffle); the body's arrays stay beside each row for the few carriers that
     * need them (step 5), and Spark prunes them where they are not read.
     */
    static Dataset<Row> paragraphRows(Dataset<Row> keys) {
        return keys.where(col("canonicalKey").equalTo(col("bodyFirst")))
                .select(col("documentId").as(ARTICLE), col("canonicalKey").as(ARTICLE_KEY),
                        col("bodyCopies").as(BODY_COPIES), col("bodyHash").as(BODY), col("paragraphHashes"),
                        col("paragraphChars"), posexplode(col("paragraphHashes")).as(new String[] {"pos", "h"}))
                .select(unhex(col("h")).as(PARAGRAPH), col(ARTICLE), col(ARTICLE_KEY), col(BODY_COPIES), col(BODY),
                        element_at(col("paragraphChars"), col("pos").plus(1)).as(PARAGRAPH_CHARS),
                        col("paragraphHashes"), col("paragraphChars"));
    }

    /**
     * Step 3, paragraph counts: per paragraph of tonight, distinct bodies tonight plus other nights, articles, and
     * the first carrier, by partial aggregation: a footer in a million bodies is combined map-side, no task gets all
     * its rows. Also, per paragraph, the {@link #committedCarriers} that carry it ({@code CARRIED_BEFORE}: whether
     * it enters the pair join, step 5). The other nights' rows enter the same
     * aggregation (a union, not a join: an empty history is planned away, a looked-up one adds a few rows to its
     * input, not a broadcast or a shuffle of its own); paragraphs of theirs that tonight lacks are dropped after it.
     */
    static Dataset<Row> paragraphCounts(Dataset<Row> paragraphs, Dataset<Row> historyIndex, Dataset<Row> committed) {
        Column none = lit(0L);
        Column noKey = lit(null).cast(DataTypes.StringType);
        Dataset<Row> tonight = paragraphs.select(col(PARAGRAPH), lit(1L).as(BODIES_TONIGHT), col(BODY_COPIES).as(ARTICLES),
                col(ARTICLE_KEY).as(FIRST_KEY), none.as(BODIES_BEFORE), none.as(CARRIED_BEFORE));
        Dataset<Row> before = historyIndex.select(unhex(col("paragraph_hash")).as(PARAGRAPH), none.as(BODIES_TONIGHT),
                none.as(ARTICLES), noKey.as(FIRST_KEY), col("distinct_bodies").cast(DataTypes.LongType).as(BODIES_BEFORE),
                none.as(CARRIED_BEFORE));
        Dataset<Row> carried = committed.select(col(CANDIDATE_PARAGRAPH).as(PARAGRAPH), none.as(BODIES_TONIGHT),
                none.as(ARTICLES), noKey.as(FIRST_KEY), none.as(BODIES_BEFORE), lit(1L).as(CARRIED_BEFORE));
        return tonight.unionByName(before).unionByName(carried).groupBy(PARAGRAPH)
                .agg(sum(BODIES_TONIGHT).as(BODIES_TONIGHT), sum(ARTICLES).as(ARTICLES), min(col(FIRST_KEY)).as(FIRST_KEY),
                        sum(BODIES_BEFORE).as(BODIES_BEFORE), sum(CARRIED_BEFORE).as(CARRIED_BEFORE))
                .where(col(BODIES_TONIGHT).gt(0))
                .select(col(PARAGRAPH), col(BODIES_TONIGHT), col(ARTICLES), col(FIRST_KEY),
                        col(BODIES_TONIGHT).plus(col(BODIES_BEFORE)).as(BODIES_TOTAL), col(CARRIED_BEFORE));
    }

    /**
     * The committed carriers that near-duplicate detection compares: the first {@code maxParagraphs} paragraphs of
     * each committed article, as tonight's ({@link #compared}). {@code CANDIDATE, CANDIDATE_PARAGRAPH} (binary).
     * Read by the paragraph counts (step 3) and the pair join (step 5).
     */
    static Dataset<Row> committedCarriers(Dataset<Row> historyCarriers, int maxParagraphs) {
        return historyCarriers.where(col("position").lt(maxParagraphs))
                .select(col("article_id").as(CANDIDATE), unhex(col("paragraph_hash")).as(CANDIDATE_PARAGRAPH));
    }

    /** Step 4, boilerplate: the night's boilerplate hashes, a few hundred at most, to the driver (hex). */
    static java.util.Set<String> boilerplate(Dataset<Row> counts, DedupRules rules) {
        return new java.util.HashSet<>(counts.where(rules.isBoilerplateCol(col(BODIES_TOTAL)))
                .select(expr("lower(hex(" + PARAGRAPH + "))")).as(Encoders.STRING()).collectAsList());
    }

    /**
     * Step 5, near-duplicate edges among survivors (the first article of each body, unless that body is committed:
     * then every article of it is an exact copy), against each other and against committed articles. The committed
     * bodies are skipped by a join with the history's bodies alone, not with {@link #exactCopies}: on a first night
     * it is planned away, after a lookup it is a broadcast of a few rows, and tonight's carriers keep a first night's
     * plan either way. Only a paragraph carried by two bodies tonight, or by a body
     * tonight and a committed article ({@code CARRIED_BEFORE}, step 3), can make two articles share text: the pair
     * join runs on those (a small set), and the committed carriers reach it unfiltered (it keeps theirs). Each
     * carrier's characters outside boilerplate (the denominator of its share) come from its own arrays
     * and the broadcast set, computed after the semi-join: only for carriers, with no join of totals.
     */
    static Dataset<Row> nearEdges(Dataset<Row> paragraphs, Dataset<Row> counts, History history,
            Dataset<Row> committed, org.apache.spark.broadcast.Broadcast<java.util.Set<String>> boiler,
            DedupRules rules) {
        Dataset<Row> committedCarriers = committed.select(col(CANDIDATE), lit("").as(CANDIDATE_KEY),
                col(CANDIDATE_PARAGRAPH), lit(true).as(CANDIDATE_COMMITTED));
        Dataset<Row> sharedHashes = counts.where(rules.isBoilerplateCol(col(BODIES_TOTAL)).unary_$bang()
                        .and(col(BODIES_TONIGHT).geq(2).or(col(CARRIED_BEFORE).gt(0))))
                .select(col(PARAGRAPH).as(SHARED_PARAGRAPH));
        // Broadcast: the shared hashes are few (16 bytes each), and a shuffle join would move every paragraph row.
        Dataset<Row> carriers = persist(paragraphs.join(functions.broadcast(sharedHashes),
                        col(PARAGRAPH).equalTo(col(SHARED_PARAGRAPH)), "left_semi")
                .join(history.joined(history.bodies().select(col("body_hash").as(COMMITTED_BODY))),
                        col(BODY).equalTo(col(COMMITTED_BODY)), "left_anti")
                .select(col(PARAGRAPH), col(ARTICLE_KEY), col(ARTICLE), col(PARAGRAPH_CHARS), nonBoilerplateChars(boiler)
                        .apply(col("paragraphHashes"), col("paragraphChars")).as(TOTAL_CHARS)));
        Dataset<Row> tonightCarriers = carriers.select(col(ARTICLE).as(CANDIDATE), col(ARTICLE_KEY).as(CANDIDATE_KEY),
                col(PARAGRAPH).as(CANDIDATE_PARAGRAPH), lit(false).as(CANDIDATE_COMMITTED));
        // Tonight's pairs, then the pairs with committed articles: an edge's candidate is one or the other, so the
        // two aggregations share no group. Tonight's join is a first night's, whatever the history; the committed
        // carriers (a lookup's few) are broadcast to tonight's rather than both sides shuffled.
        Dataset<Row> edges = sharing(carriers.join(tonightCarriers, col(PARAGRAPH).equalTo(col(CANDIDATE_PARAGRAPH))),
                        rules)
                .unionByName(sharing(carriers.join(history.joined(committedCarriers),
                        col(PARAGRAPH).equalTo(col(CANDIDATE_PARAGRAPH))), rules))
                .localCheckpoint();
        // They served only the edges (now checkpointed).
        carriers.unpersist();
        return edges;
    }

    /** The edges of pairs of carriers that share a paragraph: per article and candidate, the share it carries. */
    private static Dataset<Row> sharing(Dataset<Row> pairs, DedupRules rules) {
        return pairs.where(DedupRules.mayCopyCol(col(CANDIDATE_COMMITTED), col(CANDIDATE_KEY), col(ARTICLE_KEY)))
                .groupBy(col(ARTICLE).as(EDGE_ARTICLE), col(CANDIDATE), col(CANDIDATE_KEY), col(CANDIDATE_COMMITTED))
                .agg(sum(PARAGRAPH_CHARS).as(SHARED_CHARS), functions.max(TOTAL_CHARS).as(TOTAL_CHARS))
                .select(col(EDGE_ARTICLE), col(CANDIDATE), col(CANDIDATE_KEY), col(CANDIDATE_COMMITTED),
                        DedupRules.shareCol(col(SHARED_CHARS), col(TOTAL_CHARS)).as(SHARE))
                .where(rules.isNearCopyCol(col(SHARE)));
    }

    /**
     * Step 7, decisions: every duplicate, exact or near, with what it copies. An exact copy of a body whose first
     * article is itself a near copy points where that article points (a near copy of the same original, with its
     * share): {@code duplicate_of} always names a canonical article.
     */
    static Dataset<Row> decisions(Dataset<Row> exact, Dataset<Row> near) {
        Dataset<Row> via = near.select(col(NEAR_ARTICLE).as("via_article"), col(NEAR_COPY_OF).as("via_copy_of"),
                col(NEAR_SHARE).as("via_share"));
        org.apache.spark.sql.Column throughNear = col("via_article").isNotNull();
        return exact.where(col(EXACT_COPY_OF).isNotNull())
                .join(via, col(EXACT_COPY_OF).equalTo(col("via_article")), "left")
                .select(col(EXACT_ARTICLE).as(DECIDED_ARTICLE),
                        when(throughNear.unary_$bang(), col(EXACT_COPY_OF)).as(EXACT_COPY_OF),
                        when(throughNear, col("via_copy_of")).as(NEAR_COPY_OF),
                        when(throughNear, col("via_share")).as(NEAR_SHARE))
                .unionByName(near.select(col(NEAR_ARTICLE).as(DECIDED_ARTICLE),
                        lit(null).cast("string").as(EXACT_COPY_OF), col(NEAR_COPY_OF), col(NEAR_SHARE)));
    }

    /**
     * Step 8, every article with its decision, boilerplate removed. The decisions are broadcast explicitly: their
     * size is unknown to the planner (they come out of checkpoints), and a sort-merge join would shuffle every
     * document, bodies included, once per table written. Boilerplate is removed on the rows: no article is decoded
     * into a bean and encoded again, which at a million articles was most of the write stage.
     */
    static Dataset<Document> decided(Dataset<Document> tonight, Dataset<Row> decisions,
            org.apache.spark.broadcast.Broadcast<java.util.Set<String>> boiler) {
        Dataset<Row> joined = tonight.toDF()
                .join(functions.broadcast(decisions), col("documentId").equalTo(col(DECIDED_ARTICLE)), "left")
                .withColumn("duplicateOf", coalesce(col(EXACT_COPY_OF), col(NEAR_COPY_OF)))
                .withColumn("duplicateKind", when(col(EXACT_COPY_OF).isNotNull(), lit("exact"))
                        .when(col(NEAR_COPY_OF).isNotNull(), lit("near")))
                .withColumn("containedShare", when(col(EXACT_COPY_OF).isNotNull(), lit(1.0)).otherwise(col(NEAR_SHARE)));
        org.apache.spark.sql.Column[] beanColumns = java.util.Arrays.stream(
                        Encoders.bean(Document.class).schema().fieldNames()).map(f -> col(f))
                .toArray(org.apache.spark.sql.Column[]::new);
        return withoutBoilerplate(joined, boiler).select(beanColumns).as(Encoders.bean(Document.class));
    }

    /**
     * Step 9, tonight's contribution to paragraph_index (all of tonight's articles, duplicates included); the first
     * carrier points at its canonical article.
     */
    static Dataset<Row> paragraphIndex(Dataset<Row> counts, Dataset<Row> decisions, DedupRules rules,
            LocalDate runDate) {
        return counts.select(col(PARAGRAPH), col(BODIES_TONIGHT), col(ARTICLES), col(BODIES_TOTAL),
                        CanonicalOrder.idOfCol(col(FIRST_KEY)).as("first_id"))
                .join(functions.broadcast(decisions), col("first_id").equalTo(col(DECIDED_ARTICLE)), "left")
                .select(expr("lower(hex(" + PARAGRAPH + "))").as("paragraph_hash"),
                        coalesce(col(EXACT_COPY_OF), col(NEAR_COPY_OF), col("first_id")).as("canonical_article_id"),
                        col(ARTICLES).as("articles"), col(BODIES_TONIGHT).as("distinct_bodies"),
                        col(BODIES_TOTAL).as("distinct_bodies_total"),
                        rules.isBoilerplateCol(col(BODIES_TOTAL)).as("is_boilerplate"),
                        lit(java.sql.Date.valueOf(runDate)).as("run_date"));
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
     * @return {@link #NEAR_ARTICLE}, {@link #NEAR_COPY_OF}, {@link #NEAR_SHARE} for the near duplicates
     */
    static Dataset<Row> resolve(Dataset<Row> edges, int maxRounds) {
        Dataset<Row> sources = edges.select(col(EDGE_ARTICLE).as("u")).distinct();
        // Canonical for sure: committed articles, and targets that have no edge of their own.
        Dataset<Row> canonical = edges.where(col(CANDIDATE_COMMITTED)).select(col(CANDIDATE).as("k"))
                .union(edges.where(col(CANDIDATE_COMMITTED).equalTo(false)).select(col(CANDIDATE).as("k"))
                        .join(sources, col("k").equalTo(col("u")), "left_anti"))
                .distinct().localCheckpoint();
        Dataset<Row> undecided = sources.localCheckpoint();
        Dataset<Row> dups = edges.sparkSession().emptyDataFrame()
                .select(lit(null).cast("string").as(NEAR_ARTICLE), lit(null).cast("string").as(NEAR_COPY_OF),
                        lit(null).cast("double").as(NEAR_SHARE));
        for (int round = 1; undecided.count() > 0; round++) {
            if (round > maxRounds) {
                throw new IllegalStateException("Near-duplicate chains did not settle in " + maxRounds
                        + " rounds (dedup.max-rounds); raise it for corpora with very long chains of re-edited copies.");
            }
            Dataset<Row> open = edges.join(undecided, col(EDGE_ARTICLE).equalTo(col("u")), "left_semi");
            // Of the canonical candidates, the preferred one (DedupRules#preferred): highest share, then earliest.
            Dataset<Row> newDups = open.join(canonical, col(CANDIDATE).equalTo(col("k")), "left_semi")
                    .groupBy(col(EDGE_ARTICLE))
                    .agg(min(DedupRules.preferenceCol(col(SHARE), col(CANDIDATE_KEY), col(CANDIDATE))).as("pick"))
                    .select(col(EDGE_ARTICLE).as(NEAR_ARTICLE), col("pick.id").as(NEAR_COPY_OF),
                            col("pick.neg_share").multiply(lit(-1.0)).as(NEAR_SHARE))
                    .localCheckpoint();
            Dataset<Row> stillOpen = undecided.join(newDups, col("u").equalTo(col(NEAR_ARTICLE)), "left_anti");
            Dataset<Row> allDups = dups.unionByName(newDups);
            // Undecided articles that still have an edge to an undecided article wait for the next round.
            Dataset<Row> blocked = edges.join(stillOpen, col(EDGE_ARTICLE).equalTo(col("u")), "left_semi")
                    .join(stillOpen.select(col("u").as("u2")), col(CANDIDATE).equalTo(col("u2")), "left_semi")
                    .select(col(EDGE_ARTICLE).as("bu")).distinct();
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
