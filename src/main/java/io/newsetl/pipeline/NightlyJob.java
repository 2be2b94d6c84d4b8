package io.newsetl.pipeline;

import io.newsetl.config.JobConfig;
import io.newsetl.ingest.InputLister;
import io.newsetl.model.BalanceException;
import io.newsetl.output.NightCommit;
import io.newsetl.output.RunLock;
import io.newsetl.output.TableDdl;
import io.newsetl.output.TableSchema;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.catalog.CatalogSync;
import java.util.LinkedHashMap;
import java.util.Map;
import io.newsetl.output.RunRecord;
import io.newsetl.stats.StatsJob;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly job, as the list of its stages: list → read and parse → corpus dedup → entities → write → check →
 * commit, then the statistics (which report their own status: a committed night stays committed).
 *
 * <pre>{@code
 * JobConfig cfg = io.newsetl.config.ConfigLoader.load(null, Map.of("input", "/in", "output", "/out"));
 * RunRecord run = NightlyJob.run(spark, cfg);
 * run.isBalanceOk();  // true: every input file is in articles, duplicates or rejects
 * }</pre>
 * The stages live in {@link NightStages}; the write and commit in {@link NightCommit}. The night runs in its own
 * Spark session (a new session of the caller's context: its shuffle sizing never changes the caller's).
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
    public static RunRecord run(SparkSession caller, JobConfig cfg) {
        Configuration hadoop = caller.sparkContext().hadoopConfiguration();
        // Listed first: a missing input, or one that overlaps the output, fails before anything is written.
        long t0 = System.nanoTime();
        InputLister.Listing listing = InputLister.list(cfg.requireInput(), hadoop, cfg.ingest().filter());
        double listSeconds = (System.nanoTime() - t0) / 1e9;
        InputLister.checkDisjoint(inputPrefix(cfg.requireInput(), hadoop), listing, listedPrefix(cfg.output(), hadoop));
        NightCommit.checkWritable(cfg.output(), hadoop);
        SparkSession spark = nightSession(caller, cfg, listing.totalBytes());
        NightCommit night = new NightCommit(spark, cfg, listing.totalBytes());
        try (RunLock lock = RunLock.acquire(hadoop, cfg.output(), cfg.runId(), cfg.lockStaleSeconds())) {
            io.newsetl.output.FileSwap.recover(hadoop, cfg.output());
            NightCommit.removeOrphanStaging(hadoop, cfg.output());
            RunRecord run = started(cfg, listing);
            try (StageContext ctx = new StageContext(spark, cfg)) {
                run.setStageSeconds(ctx.seconds());
                ctx.time("list", listSeconds);
                LOG.info("stage=list files={} bytes={} seconds={}", listing.files().size(), listing.totalBytes(),
                        String.format("%.2f", listSeconds));

                var parsed = ctx.run("read_parse", NightStages.READ_PARSE, new NightStages.Listed(listing, night));
                var decided = ctx.run("dedup", NightStages.DEDUP, parsed);
                var tagged = ctx.run("entities", NightStages.ENTITIES, decided);
                var staged = ctx.run("write", NightStages.WRITE, tagged);
                NightCommit.Balance balance = ctx.run("check", NightStages.CHECK, staged);

                run.setBoilerplateParagraphs(ctx.counter("write", "boilerplate"));
                ctx.run("commit", (NightCommit.Balance b, StageContext c) -> commit(night, b, run), balance);
            } catch (Exception e) {
                // Spark's own failures (SparkException) are checked exceptions Java does not see declared.
                throw failed(night, run, e, cfg.output());
            }
            statistics(spark, night, cfg, run);
            return run;
        }
    }

    /** Commits the night when the balance holds; either way its runs row says what happened. */
    private static RunRecord commit(NightCommit night, NightCommit.Balance b, RunRecord run) {
        run.setArticles(b.articles());
        run.setExactDuplicates(b.exactDuplicates());
        run.setNearDuplicates(b.nearDuplicates());
        run.setDuplicates(b.duplicates());
        run.setRejects(b.rejects());
        run.setEntities(b.entities());
        run.setBalanceOk(b.ok());
        if (!b.ok()) {
            run.setStatus("BALANCE_FAILED");
            run.setError(b.failure(night.staging()));
            run.setFinishedAt(Instant.now());
            night.writeRunRow(run);
            throw new BalanceException(run.getError());
        }
        night.commit();
        run.setStatus("SUCCEEDED");
        run.setFinishedAt(Instant.now());
        run.setStatsStatus("PENDING");
        run.setCatalogStatus("PENDING");
        night.writeRunRow(run);
        return run;
    }

    /**
     * The statistics and report of the committed night. They fail on their own: a failure is logged, recorded in
     * {@code runs.stats_status}, and the night still succeeds (exit 0); the {@code stats} command recomputes them.
     */
    private static void statistics(SparkSession spark, NightCommit night, JobConfig cfg, RunRecord run) {
        if (!cfg.stats().enabled()) {
            run.setStatsStatus("DISABLED");
        } else {
            try {
                // After the runs row, so that tonight's run is in the report.
                LocalDate from = cfg.stats().windowDays() > 0 ? cfg.runDate().minusDays(cfg.stats().windowDays() - 1L)
                        : null;
                // What the commit wrote and changed; every date recomputed when the stored aggregates may be stale.
                java.util.Set<LocalDate> pubDates = new java.util.TreeSet<>();
                java.util.Map<String, java.util.Set<String>> received = new java.util.LinkedHashMap<>();
                for (var t : List.of(TableSchemas.ARTICLES, TableSchemas.DUPLICATES, TableSchemas.ENTITIES,
                        TableSchemas.REJECTS)) {
                    TableWriter.Committed c = night.committed().get(t);
                    received.put(t.name(), c == null ? java.util.Set.of() : c.partitions());
                    if (t != TableSchemas.REJECTS) {
                        pubDates.addAll(io.newsetl.stats.DateAggregates.datesOf(changed(night, t)));
                    }
                }
                var changes = new io.newsetl.stats.DateAggregates.Night(cfg.runDate(), received, pubDates,
                        io.newsetl.stats.DateAggregates.datesOf(changed(night, TableSchemas.REJECTS)));
                String before = previousStatus(spark, cfg, "stats_status");
                boolean rebuild = before != null && !before.equals("SUCCEEDED");
                StatsJob.Result stats = StatsJob.nightly(spark, cfg.output(), new StatsJob.Settings(from, null,
                        cfg.stats().topEntities(), cfg.stats().trendEntities()), changes, rebuild);
                run.setReport(stats.report());
                run.getStageSeconds().put("stats", stats.seconds());
                run.setStatsStatus("SUCCEEDED");
            } catch (Exception e) {
                LOG.warn("The night is committed, but its statistics failed: {} (rerun them with the stats command)",
                        String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
                run.setStatsStatus("FAILED: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        run.setCatalogStatus(catalog(spark, night, cfg));
        try {
            night.writeRunRow(run);
        } catch (RuntimeException e) {
            LOG.warn("The night is committed, but its runs row could not record stats_status={}, catalog_status={}: {}",
                    run.getStatsStatus(), run.getCatalogStatus(), e.getMessage());
        }
    }

    /** The partition folders of {@code table} whose rows the night's commit changed (none: not committed). */
    private static java.util.Set<String> changed(NightCommit night, TableSchema table) {
        TableWriter.Committed c = night.committed().get(table);
        return c == null ? java.util.Set.of() : c.changed();
    }

    /**
     * A status column of the latest run of another night ({@code NONE} when it is null), or null when there is no
     * other run: whether what that run left behind (stored aggregates, catalog) can be trusted.
     */
    static String previousStatus(SparkSession spark, JobConfig cfg, String column) {
        List<Row> earlier = TableWriter.read(spark, cfg.output(), TableSchemas.RUNS)
                .where(functions.col("run_date").notEqual(functions.lit(java.sql.Date.valueOf(cfg.runDate()))))
                .orderBy(functions.col("finished_at").desc()).limit(1).select(column).collectAsList();
        if (earlier.isEmpty()) {
            return null;
        }
        return earlier.get(0).isNullAt(0) ? "NONE" : earlier.get(0).getString(0);
    }

    /**
     * Registers the tables and the night's partitions in the metastore ({@link CatalogSync}). A failure is logged
     * and returned as the status; the night stays committed, and the next night's registration repairs the catalog
     * (a table it finds stale is recreated with all its partitions).
     */
    static String catalog(SparkSession spark, NightCommit night, JobConfig cfg) {
        if (!cfg.catalog().enabled()) {
            return "DISABLED";
        }
        if (!"hive".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"))) {
            return "SKIPPED: no metastore (Spark's Hive client not on the classpath, or a non-local output without catalog.metastore-uri)";
        }
        try {
            Map<String, CatalogSync.Changes> changes = new LinkedHashMap<>();
            night.committed().forEach((t, c) -> changes.put(t.name(), new CatalogSync.Changes(c.partitions(), c.removed())));
            // A night whose registration failed left the catalog behind: the next one adds every partition once.
            String before = previousStatus(spark, cfg, "catalog_status");
            boolean repair = before != null && before.matches("(FAILED|PENDING|SKIPPED|NONE).*");
            CatalogSync.Result r = CatalogSync.sync(spark, cfg.output(), cfg.catalog().database(), TableDdl.tables(),
                    changes, repair);
            LOG.info("catalog: {} in database {}", r.summary(), cfg.catalog().database());
            return r.summary();
        } catch (Exception e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            LOG.warn("The night is committed, but registering its tables in the catalog failed: {} (the next night "
                    + "retries; or set catalog.enabled = false)", why, e);
            return "FAILED: " + why;
        }
    }

    /**
     * Records a failure before the commit as a {@code FAILED} row of runs (when the output can still be written),
     * and turns a full disk into an {@link io.newsetl.model.OutputException} (exit 4) after removing the staging.
     */
    private static RuntimeException failed(NightCommit night, RunRecord run, Exception e, String output) {
        if (run.getStatus() == null) {
            run.setStatus("FAILED");
            run.setError(String.valueOf(e.getMessage()));
            run.setFinishedAt(Instant.now());
            try {
                night.writeRunRow(run);
            } catch (Exception again) {
                // Not RuntimeException: a SparkException from this write (the disk is still full) would otherwise
                // escape and hide the first failure.
                e.addSuppressed(again);
            }
        }
        if (night.committing()) {
            // Some tables may hold tonight's files already: keep the staging, and say that a rerun completes it.
            io.newsetl.model.OutputException partial = new io.newsetl.model.OutputException("Commit of the night failed "
                    + "part way (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "): some tables may "
                    + "hold tonight's rows and others not. Fix the cause (space, permissions), then rerun the same "
                    + "night: the rerun replaces whatever this one committed.");
            partial.initCause(e);
            return partial;
        }
        RuntimeException out = NightCommit.outOfSpace(e, output);
        if (out instanceof io.newsetl.model.OutputException) {
            // Freeing what this run staged may be all the space the next run needs.
            try {
                night.discardStaging();
            } catch (RuntimeException ignored) {
                out.addSuppressed(ignored);
            }
        }
        return out;
    }

    private static RunRecord started(JobConfig cfg, InputLister.Listing listing) {
        RunRecord run = new RunRecord();
        run.setRunId(cfg.runId());
        run.setRunDate(cfg.runDate());
        run.setStartedAt(Instant.now());
        run.setInput(cfg.input());
        run.setCodeVersion(Version.get());
        run.setConfigHash(cfg.configHash());
        run.setInputFiles(listing.files().size());
        run.setInputBytes(listing.totalBytes());
        run.setListingWarnings(listing.warnings());
        return run;
    }

    /**
     * The night's own session: a new session of the caller's Spark context (same cache and executors, its own SQL
     * settings), with the shuffle sized by input unless {@code spark.shuffle-partitions} is set: four tasks per
     * core for small nights, ~64 MB of input per task for large ones.
     */
    static SparkSession nightSession(SparkSession caller, JobConfig cfg, long inputBytes) {
        SparkSession night = caller.newSession();
        // Settings the caller made on its session after start (tests, notebooks) carry over; the night's own
        // sizing below then applies to this session only.
        scala.collection.Iterator<scala.Tuple2<String, String>> it = caller.conf().getAll().iterator();
        while (it.hasNext()) {
            scala.Tuple2<String, String> kv = it.next();
            if (kv._1().startsWith("spark.sql.") && night.conf().isModifiable(kv._1())) {
                night.conf().set(kv._1(), kv._2());
            }
        }
        if (cfg.spark().shufflePartitions() <= 0) {
            int cores = caller.sparkContext().defaultParallelism();
            long byBytes = inputBytes / (64L << 20);
            night.conf().set("spark.sql.shuffle.partitions", Long.toString(Math.max(4L * cores, Math.min(2000, byBytes))));
        }
        return night;
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
            if (InputLister.isLocal(cfg.requireInput())) {
                InputLister.checkDisjoint(inputPrefix(cfg.requireInput(), local),
                        new InputLister.Listing(List.of(), List.of()), listedPrefix(cfg.output(), local));
            }
            NightCommit.checkWritable(cfg.output(), local);
        }
    }

    /** The input's folder spelled as listed paths are; null for a manifest. */
    static String inputPrefix(String input, Configuration conf) {
        return input.startsWith("@") ? null : listedPrefix(InputLister.rootOf(input), conf);
    }

    /** The output root spelled as listed input paths are ({@code file:/abs/} locally, qualified URIs elsewhere). */
    static String listedPrefix(String location, Configuration conf) {
        if (InputLister.isLocal(location)) {
            return "file:" + java.nio.file.Path.of(InputLister.stripFileScheme(location)).toAbsolutePath().normalize()
                    + "/";
        }
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            return p.getFileSystem(conf).makeQualified(p) + "/";
        } catch (java.io.IOException e) {
            throw new io.newsetl.model.ConfigException("Cannot resolve " + location + ": " + e.getMessage());
        }
    }
}
