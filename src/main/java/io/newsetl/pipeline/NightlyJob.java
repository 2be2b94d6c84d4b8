package io.newsetl.pipeline;

import io.newsetl.config.JobConfig;
import io.newsetl.dedup.CorpusDedup;
import io.newsetl.dedup.RepeatStage;
import io.newsetl.entities.EntityMention;
import io.newsetl.entities.EntityStage;
import io.newsetl.ingest.IngestStage;
import io.newsetl.ingest.InputLister;
import io.newsetl.model.BalanceException;
import io.newsetl.model.Document;
import io.newsetl.model.OutputException;
import io.newsetl.output.RunLock;
import io.newsetl.output.TableSchema;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.parse.DocumentParser;
import io.newsetl.stats.StatsJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly job: list → read → parse → remove in-article repeats → corpus-wide dedup against earlier nights →
 * stage tables → check the balance → commit.
 * The only class that knows every stage.
 *
 * <pre>{@code
 * RunRecord run = NightlyJob.run(spark, ConfigLoader.load(null, Map.of("input", "/in", "output", "/out")));
 * run.isBalanceOk()  // true: every input file is in articles, duplicates or rejects
 * }</pre>
 */
public final class NightlyJob {

    private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

    private NightlyJob() {
    }


    /**
     * Runs one night under the output's run lock. Whatever fails after the lock is taken is recorded as a
     * {@code FAILED} row of {@code runs} (when the output can still be written) before the error propagates;
     * committed tables of earlier nights are untouched by a failure before the commit step.
     */
    public static RunRecord run(SparkSession spark, JobConfig cfg) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        // Listed first: a missing input or one that overlaps the output fails before anything is written.
        Stopwatch sw = Stopwatch.start();
        InputLister.Listing listing = InputLister.list(cfg.requireInput(), hadoop);
        double listSeconds = sw.lap();
        InputLister.checkDisjoint(cfg.requireInput(), listing, listedPrefix(cfg.output(), hadoop));
        checkOutputWritable(cfg.output(), hadoop);
        try (RunLock lock = RunLock.acquire(hadoop, cfg.output(), cfg.runId(), cfg.lockStaleSeconds())) {
            removeOrphanStaging(hadoop, cfg.output());
            RunRecord run = new RunRecord();
            try {
                return runLocked(spark, cfg, run, listing, listSeconds);
            } catch (Exception e) {
                // Spark's own failures (SparkException) are checked exceptions Java does not see declared.
                if (run.getStatus() == null) {
                    run.setStatus("FAILED");
                    run.setError(String.valueOf(e.getMessage()));
                    run.setFinishedAt(Instant.now());
                    try {
                        writeRunRow(spark, run, cfg);
                    } catch (Exception again) {
                        // Not RuntimeException: a SparkException from this write (the disk is still full) would
                        // otherwise escape and hide the first failure.
                        e.addSuppressed(again);
                    }
                }
                RuntimeException out = outOfSpace(e, cfg.output());
                if (out instanceof OutputException) {
                    // Freeing what this run staged may be all the space the next run needs.
                    try {
                        TableWriter.deleteStaging(hadoop, cfg.output(), cfg.output() + "/_staging/" + cfg.runId());
                    } catch (RuntimeException ignored) {
                        out.addSuppressed(ignored);
                    }
                }
                throw out;
            }
        }
    }

    private static RunRecord runLocked(SparkSession spark, JobConfig cfg, RunRecord run,
            InputLister.Listing listing, double listSeconds) {
        run.setRunId(cfg.runId());
        run.setRunDate(cfg.runDate());
        run.setStartedAt(Instant.now());
        run.setInput(cfg.input());
        run.setCodeVersion(Version.get());
        run.setConfigHash(cfg.configHash());
        Map<String, Double> seconds = new LinkedHashMap<>();
        run.setStageSeconds(seconds);
        run.setListingWarnings(List.of());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        String staging = cfg.output() + "/_staging/" + cfg.runId();

        Stopwatch sw = Stopwatch.start();
        seconds.put("list", listSeconds);
        run.setInputFiles(listing.files().size());
        run.setInputBytes(listing.totalBytes());
        run.setListingWarnings(listing.warnings());
        LOG.info("stage=list files={} bytes={} seconds={}", listing.files().size(), listing.totalBytes(),
                fmt(seconds.get("list")));

        if (cfg.spark().shufflePartitions() <= 0) {
            // Sized by input: four tasks per core for small nights, ~64 MB of input per task for large ones.
            int cores = spark.sparkContext().defaultParallelism();
            long byBytes = listing.totalBytes() / (64L << 20);
            spark.conf().set("spark.sql.shuffle.partitions", Long.toString(Math.max(4L * cores, Math.min(2000, byBytes))));
        }
        DocumentParser parser = cfg.parse().documentParser(cfg.runDate(), cfg.runId());
        // Read and parsed in one pass: a file's bytes reach a Spark row only when it is rejected.
        Dataset<Document> parsed = IngestStage.read(spark, listing.files(), cfg.ingest().targetTaskBytes(),
                cfg.ingest().fileOpenCostBytes(), cfg.ingest().limits(), parser::parse, Encoders.bean(Document.class));
        Dataset<Document> docs = RepeatStage.removeRepeats(parsed, cfg.dedup().settings(), listing.commonRoot())
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> keys = null;
        CorpusDedup.Result dedup = null;
        Dataset<EntityMention> mentions = null;
        try {
            // Column predicates, not typed filters: a typed filter would rebuild every Document bean per scan.
            Dataset<Document> articles = docs.filter(functions.col("rejectReason").isNull());
            Dataset<Document> rejects = docs.filter(functions.col("rejectReason").isNotNull());
            // One pass over the files fills the documents' cache and dedup's keys (counting the latter).
            keys = CorpusDedup.keys(articles, cfg.dedup().maxParagraphs());
            long parsedArticles = keys.count();
            seconds.put("read_parse", sw.lap());
            LOG.info("stage=read_parse rows_in={} articles={} seconds={}", listing.files().size(), parsedArticles,
                    fmt(seconds.get("read_parse")));

            dedup = CorpusDedup.dedup(articles, keys,
                    history(spark, cfg, TableSchemas.ARTICLES, "article_id", "body_hash", "paragraph_hashes"),
                    history(spark, cfg, TableSchemas.PARAGRAPH_INDEX, "paragraph_hash", "distinct_bodies"),
                    cfg.dedup().settings(), cfg.runDate());
            // Not persisted: the decisions are small and cached inside dedup, so each of the two writes below
            // assembles its rows from the cached documents more cheaply than a second cache of them would cost.
            Dataset<Document> decided = dedup.all();
            seconds.put("dedup", sw.lap());
            LOG.info("stage=dedup rows_in={} seconds={} (rows out: articles and duplicates of stage=write)",
                    parsedArticles, fmt(seconds.get("dedup")));

            // At least one write task per core (fewer would leave cores idle), and one per 256 MiB of input.
            int writePartitions = cfg.write().partitions() > 0 ? cfg.write().partitions()
                    : (int) Math.max(spark.sparkContext().defaultParallelism(), listing.totalBytes() / (256L << 20));
            // Only the canonical articles are tagged: duplicates carry no text the articles lack.
            Dataset<Document> canonical = dedup.articles(decided);
            Dataset<Row> articleRows;
            if (cfg.entities().enabled()) {
                mentions = EntityStage.tag(canonical, cfg.entities().model(), cfg.entities().gazetteers(),
                                cfg.entities().budget())
                        .persist(StorageLevel.MEMORY_AND_DISK());
                stage(TableSchemas.ENTITIES, mentions, staging, cfg, writePartitions, TableWriter.Spread.BY_PARTITION);
                seconds.put("entities", sw.lap());
                LOG.info("stage=entities seconds={}", fmt(seconds.get("entities")));
                articleRows = EntityStage.withSummary(canonical, mentions, cfg.entities().budget());
            } else {
                articleRows = EntityStage.withoutSummary(canonical);
            }
            // Articles and duplicates come in the order of the input listing (documents joined to broadcast
            // decisions), unless the entity summary's join has shuffled the articles by id; rejects are too few to
            // narrow their scan to one task.
            stage(TableSchemas.ARTICLES, articleRows, staging, cfg, writePartitions, cfg.entities().enabled()
                    ? TableWriter.Spread.BY_PARTITION : TableWriter.Spread.MERGED);
            stage(TableSchemas.DUPLICATES, dedup.duplicates(decided), staging, cfg, writePartitions,
                    TableWriter.Spread.MERGED);
            stage(TableSchemas.REJECTS, rejects, staging, cfg, 1, TableWriter.Spread.BY_PARTITION);
            stage(TableSchemas.PARAGRAPH_INDEX, dedup.paragraphIndex(), staging, cfg, writePartitions,
                    TableWriter.Spread.MERGED);
            seconds.put("write", sw.lap());

            // The balance is counted on what was staged, i.e. on what readers would get: one job over the staged
            // document tables (only duplicate_kind is read; the other counts need no column).
            Map<String, Long> staged = stagedCounts(spark, staging, cfg.entities().enabled());
            run.setArticles(staged.getOrDefault("articles", 0L));
            run.setExactDuplicates(staged.getOrDefault("duplicates/exact", 0L));
            run.setNearDuplicates(staged.getOrDefault("duplicates/near", 0L));
            run.setDuplicates(staged.entrySet().stream().filter(e -> e.getKey().startsWith("duplicates"))
                    .mapToLong(Map.Entry::getValue).sum());
            run.setRejects(staged.getOrDefault("rejects", 0L));
            run.setEntities(staged.getOrDefault("entities", 0L));
            run.setBoilerplateParagraphs(dedup.boilerplateParagraphs());
            long accounted = run.getArticles() + run.getDuplicates() + run.getRejects();
            run.setBalanceOk(listing.files().size() == accounted);
            seconds.put("check", sw.lap());
            LOG.info("stage=write articles={} duplicates={} (exact={} near={}) rejects={} boilerplate={} entities={} "
                    + "seconds={}", run.getArticles(), run.getDuplicates(), run.getExactDuplicates(),
                    run.getNearDuplicates(), run.getRejects(), run.getBoilerplateParagraphs(), run.getEntities(),
                    fmt(seconds.get("write")));
            if (!run.isBalanceOk()) {
                String message = String.format(
                        "Balance failed: %d input files but %d articles + %d duplicates + %d rejects = %d; no table "
                                + "but runs was committed (staged rows kept in %s for inspection).",
                        listing.files().size(), run.getArticles(), run.getDuplicates(), run.getRejects(), accounted,
                        staging);
                run.setStatus("BALANCE_FAILED");
                run.setError(message);
                run.setFinishedAt(Instant.now());
                writeRunRow(spark, run, cfg);
                throw new BalanceException(message);
            }

            // entities is committed even when the stage is off: its empty staging removes a previous run's rows.
            for (TableSchema t : List.of(TableSchemas.ARTICLES, TableSchemas.DUPLICATES, TableSchemas.REJECTS,
                    TableSchemas.PARAGRAPH_INDEX, TableSchemas.ENTITIES)) {
                TableWriter.commit(hadoop, staging, cfg.output(), t, cfg.runDate());
            }
            seconds.put("commit", sw.lap());
            run.setStatus("SUCCEEDED");
            run.setFinishedAt(Instant.now());
            TableWriter.deleteStaging(hadoop, cfg.output(), staging);
            writeRunRow(spark, run, cfg);
            if (cfg.stats().enabled()) {
                // After the runs row, so that tonight's run is in the report; the night is committed either way.
                java.time.LocalDate from = cfg.stats().windowDays() > 0
                        ? cfg.runDate().minusDays(cfg.stats().windowDays() - 1L) : null;
                StatsJob.Result stats = StatsJob.run(spark, cfg.output(), new StatsJob.Settings(from, null,
                        cfg.stats().topEntities(), cfg.stats().trendEntities()));
                run.setReport(stats.report());
                run.getStageSeconds().put("stats", stats.seconds());
            }
            return run;
        } finally {
            docs.unpersist();
            if (keys != null) {
                keys.unpersist();
            }
            if (mentions != null) {
                mentions.unpersist();
            }
            if (dedup != null) {
                dedup.release();
            }
        }
    }

    /**
     * A full disk or quota surfaces deep inside a Spark task failure; it is a condition of the output, not a bug,
     * so it becomes one clear message (and exit code 4). Anything else is rethrown as it is.
     */
    static RuntimeException outOfSpace(Exception e, String output) {
        for (Throwable t : causesAndSuppressed(e)) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
                OutputException out = new OutputException("Cannot write output: no space left under " + output
                        + "; nothing of this run was committed and earlier nights are untouched. Free space, then "
                        + "rerun the same night (the rerun removes whatever this run left in " + output
                        + "/_staging).");
                out.initCause(e);
                return out;
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("Run failed: " + e.getMessage(), e);
    }

    /** {@code e}, its causes, and their suppressed exceptions (and their causes), each once. */
    private static List<Throwable> causesAndSuppressed(Throwable e) {
        List<Throwable> out = new java.util.ArrayList<>();
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (t == null || !seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        return out;
    }

    private static void stage(TableSchema table, Dataset<?> rows, String staging, JobConfig cfg, int partitions,
            TableWriter.Spread spread) {
        TableWriter.stage(table.project(rows), table, staging, cfg.write(), partitions, spread);
    }

    /**
     * The committed rows of other nights that dedup compares against; this night's own rows are left out, so that
     * a rerun does not find its own canonicals as earlier copies. Empty when the table does not exist yet.
     */
    static Dataset<Row> history(SparkSession spark, JobConfig cfg, TableSchema table, String... columns) {
        Dataset<Row> all = TableWriter.read(spark, cfg.output(), table);
        return all.where(functions.col("run_date").notEqual(functions.lit(java.sql.Date.valueOf(cfg.runDate()))))
                .select(java.util.Arrays.stream(columns).map(functions::col).toArray(org.apache.spark.sql.Column[]::new));
    }

    /** Stages and commits the run's row of {@code runs} (its own staging folder: a failed run keeps the other). */
    private static void writeRunRow(SparkSession spark, RunRecord run, JobConfig cfg) {
        String staging = cfg.output() + "/_staging/" + cfg.runId() + "-runs";
        Dataset<RunRecord> row = spark.createDataset(List.of(run), Encoders.bean(RunRecord.class));
        TableWriter.stage(TableSchemas.RUNS.project(row), TableSchemas.RUNS, staging, cfg.write(), 1,
                TableWriter.Spread.BY_PARTITION);
        TableWriter.commit(spark.sparkContext().hadoopConfiguration(), staging, cfg.output(), TableSchemas.RUNS,
                cfg.runDate());
        TableWriter.deleteStaging(spark.sparkContext().hadoopConfiguration(), cfg.output(), staging);
    }

    /**
     * Staged rows per table, and per value of the one column the run record splits them by:
     * {@code articles, duplicates/exact, duplicates/near, rejects, entities} (entities only when the stage ran and
     * staged its table). Not paragraph_index: it holds no document (and eight rows per article), and its
     * boilerplate count is known from dedup.
     */
    static Map<String, Long> stagedCounts(SparkSession spark, String staging, boolean entities) {
        Map<TableSchema, String> split = new LinkedHashMap<>();
        split.put(TableSchemas.ARTICLES, null);
        split.put(TableSchemas.DUPLICATES, "duplicate_kind");
        split.put(TableSchemas.REJECTS, null);
        if (entities) {
            split.put(TableSchemas.ENTITIES, null);
        }
        Dataset<Row> all = null;
        for (Map.Entry<TableSchema, String> e : split.entrySet()) {
            org.apache.spark.sql.Column key = e.getValue() == null ? functions.lit(e.getKey().name())
                    : functions.concat_ws("/", functions.lit(e.getKey().name()),
                            functions.col(e.getValue()).cast("string"));
            Dataset<Row> keys = stagedRows(spark, staging, e.getKey()).select(key.as("k"));
            all = all == null ? keys : all.unionAll(keys);
        }
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Row r : all.groupBy("k").count().collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    /** Rows staged for a table; with the declared schema, so that a table with no rows reads as empty. */
    private static Dataset<Row> stagedRows(SparkSession spark, String staging, TableSchema table) {
        return spark.read().schema(table.structType()).parquet(TableWriter.stagingPath(staging, table));
    }

    /**
     * Checks input and output before a Spark session is started, so that a typo fails in a second with one line.
     * Remote locations (hdfs:, s3a:) need the session's Hadoop settings and are checked by {@link #run}.
     */
    public static void preflight(JobConfig cfg) {
        Configuration local = NioLocalFileSystem.install(new Configuration());
        // Input first: a missing input must leave nothing behind, not even an empty output folder.
        InputLister.checkLocalRoot(cfg.requireInput());
        if (InputLister.isLocal(cfg.output())) {
            InputLister.checkDisjoint(cfg.requireInput(), new InputLister.Listing(List.of(), List.of()),
                    listedPrefix(cfg.output(), local));
            checkOutputWritable(cfg.output(), local);
        }
    }

    /** The output root spelled as listed input paths are ({@code file:/abs/} locally, qualified URIs elsewhere). */
    static String listedPrefix(String output, Configuration conf) {
        if (InputLister.isLocal(output)) {
            return "file:" + java.nio.file.Path.of(InputLister.stripFileScheme(output)).toAbsolutePath().normalize() + "/";
        }
        try {
            Path out = new Path(output);
            return out.getFileSystem(conf).makeQualified(out) + "/";
        } catch (IOException e) {
            throw new OutputException("Cannot write output: " + output + ": " + e.getMessage());
        }
    }

    /**
     * Probes that the output can be written; folders the probe had to create are removed again, so that a run
     * that fails later on its input leaves nothing behind.
     */
    private static void checkOutputWritable(String output, Configuration conf) {
        try {
            Path out = new Path(output);
            FileSystem fs = out.getFileSystem(conf);
            if (fs.exists(out) && !fs.getFileStatus(out).isDirectory()) {
                throw new OutputException("Cannot write output: " + output + " exists and is not a directory.");
            }
            Path created = null;
            for (Path p = out; p != null && !fs.exists(p); p = p.getParent()) {
                created = p;
            }
            Path probe = new Path(out, "_write-probe-" + java.util.UUID.randomUUID());
            try {
                fs.create(probe, true).close();
                fs.delete(probe, false);
            } catch (IOException e) {
                throw new OutputException("Cannot write output: " + output + " is not writable (" + e.getMessage() + ").");
            } finally {
                if (created != null) {
                    fs.delete(created, true);
                }
            }
        } catch (IOException e) {
            throw new OutputException("Cannot write output: " + output + ": " + e.getMessage());
        }
    }

    /**
     * With the lock held no other run is staging, so whatever {@code _staging} holds was left by a run that died
     * (readers never looked there); it goes before this run stages anything.
     */
    private static void removeOrphanStaging(Configuration conf, String output) {
        try {
            Path p = new Path(output, "_staging");
            FileSystem fs = p.getFileSystem(conf);
            if (fs.exists(p)) {
                LOG.warn("Removing {} left by an earlier run that did not finish", p);
                fs.delete(p, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + output + "/_staging: " + e.getMessage(), e);
        }
    }


    static String fmt(double s) {
        return String.format("%.2f", s);
    }

    private static final class Stopwatch {
        private long last = System.nanoTime();

        static Stopwatch start() {
            return new Stopwatch();
        }

        double lap() {
            long now = System.nanoTime();
            double s = (now - last) / 1e9;
            last = now;
            return s;
        }
    }
}
