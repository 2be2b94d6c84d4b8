package io.newsetl.output;

import io.newsetl.config.JobConfig;
import io.newsetl.model.OutputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write and commit of one night, in one object: where each table is staged and how its rows reach the write
 * tasks, the balance counted on what was staged, the commit of every table, the night's {@code runs} row, and the
 * cleanup of staging left by runs that died. Readers of {@code <output>/<table>/} never see staged data.
 *
 * <pre>{@code
 * NightCommit night = new NightCommit(spark, cfg, listing.totalBytes());
 * night.stage(TableSchemas.REJECTS, rejects.toDF(), false);
 * NightCommit.Balance balance = night.balance(25, false);
 * if (balance.ok()) {
 *     night.commit();
 * }
 * }</pre>
 * The session given is the night's own (the job clones the caller's), so its settings never leak to the caller.
 */
public final class NightCommit {

    private static final Logger LOG = LoggerFactory.getLogger(NightCommit.class);

    /** The tables a night writes, in commit order. */
    public static final List<TableSchema> TABLES = List.of(TableSchemas.ARTICLES, TableSchemas.DUPLICATES,
            TableSchemas.REJECTS, TableSchemas.PARAGRAPH_INDEX, TableSchemas.DEDUP_KEYS, TableSchemas.ENTITIES,
            TableSchemas.NAMES);

    /**
     * What was staged, counted as readers would get it: rows per table and per duplicate kind. {@code ok} when
     * every input file is in exactly one of articles, duplicates and rejects.
     */
    public record Balance(long inputFiles, long articles, long exactDuplicates, long nearDuplicates, long rejects,
            long entities) {
        public long duplicates() {
            return exactDuplicates + nearDuplicates;
        }

        public boolean ok() {
            return inputFiles == articles + duplicates() + rejects;
        }

        public String failure(String staging) {
            return String.format("Balance failed: %d input files but %d articles + %d duplicates + %d rejects = %d; "
                            + "no table but runs was committed (staged rows kept in %s for inspection).", inputFiles,
                    articles, duplicates(), rejects, articles + duplicates() + rejects, staging);
        }
    }

    private final SparkSession spark;
    private final String output;
    private final LocalDate runDate;
    private final JobConfig.Write write;
    private final String staging;
    private final int writeTasks;
    private boolean committing;
    private final Map<TableSchema, TableWriter.Committed> committed = new LinkedHashMap<>();
    /**
     * Where files of this night may already be in the output ({@link NightRegistry}; null: none), asked once; after
     * this run's first commit, what it recorded.
     */
    private NightRegistry.Night previous;
    private boolean asked;

    /**
     * @param writeTasks tasks that write each table (at least one per core, one per 256 MiB of input unless
     *                   {@code write.partitions} says otherwise)
     */
    public NightCommit(SparkSession spark, String output, LocalDate runDate, String runId, JobConfig.Write write,
            int writeTasks) {
        this.spark = spark;
        this.output = output;
        this.runDate = runDate;
        this.write = write;
        this.staging = output + "/_staging/" + runId;
        this.writeTasks = writeTasks;
    }

    /** Write tasks from {@code write.partitions}, else one per 256 MiB of input and at least one per core. */
    public NightCommit(SparkSession spark, JobConfig cfg, long inputBytes) {
        this(spark, cfg.output(), cfg.runDate(), cfg.runId(), cfg.write(), cfg.write().partitions() > 0
                ? cfg.write().partitions()
                : (int) Math.max(spark.sparkContext().defaultParallelism(), inputBytes / (256L << 20)));
    }

    public String staging() {
        return staging;
    }

    /**
     * How each table's rows reach the write tasks. Rejects are a small subset of the night, shuffled to one file
     * per partition; entities, and articles once the entity summary's join has shuffled them by id, are shuffled
     * by partition; duplicates, articles without entities and paragraph_index come in input order or spread by
     * hash and are written from the partitions they come in ({@link TableWriter.Spread}).
     */
    static TableWriter.Spread layout(TableSchema table, boolean shuffledById) {
        if (table == TableSchemas.REJECTS || table == TableSchemas.ENTITIES || table == TableSchemas.NAMES
                || table == TableSchemas.DEDUP_KEYS) {
            return TableWriter.Spread.BY_PARTITION;
        }
        if (table == TableSchemas.ARTICLES) {
            return shuffledById ? TableWriter.Spread.BY_PARTITION : TableWriter.Spread.MERGED;
        }
        return TableWriter.Spread.MERGED;
    }

    /**
     * Stages {@code rows} (any columns that include the table's, by their bean names) for {@code table}.
     *
     * @param shuffledById whether the rows were already shuffled by id (articles joined to their entity summary)
     */
    public void stage(TableSchema table, Dataset<?> rows, boolean shuffledById) {
        stage(table, rows, shuffledById, write.maxRecordsPerFile());
    }

    /** {@link #stage(TableSchema, Dataset, boolean)} of at most {@code rowsAtMost} rows (sizes Bloom filters). */
    public void stage(TableSchema table, Dataset<?> rows, boolean shuffledById, long rowsAtMost) {
        int tasks = table == TableSchemas.REJECTS ? 1 : writeTasks;
        TableWriter.stage(table.project(rows), table, staging, write, tasks, layout(table, shuffledById), rowsAtMost);
    }

    /**
     * Counts the staged rows in one job over the staged document tables (only duplicate_kind is read; the other
     * counts need no column). Not paragraph_index: it holds no document.
     */
    public Balance balance(long inputFiles, boolean entities) {
        Map<TableSchema, String> split = new LinkedHashMap<>();
        split.put(TableSchemas.ARTICLES, null);
        split.put(TableSchemas.DUPLICATES, "duplicate_kind");
        split.put(TableSchemas.REJECTS, null);
        if (entities) {
            split.put(TableSchemas.ENTITIES, null);
        }
        Dataset<Row> all = null;
        for (Map.Entry<TableSchema, String> e : split.entrySet()) {
            Column key = e.getValue() == null ? functions.lit(e.getKey().name())
                    : functions.concat_ws("/", functions.lit(e.getKey().name()), functions.col(e.getValue()).cast("string"));
            Dataset<Row> keys = spark.read().schema(e.getKey().structType())
                    .parquet(TableWriter.stagingPath(staging, e.getKey())).select(key.as("k"));
            all = all == null ? keys : all.unionAll(keys);
        }
        Map<String, Long> n = new TreeMap<>();
        for (Row r : all.groupBy("k").count().collectAsList()) {
            n.put(r.getString(0), r.getLong(1));
        }
        return new Balance(inputFiles, n.getOrDefault("articles", 0L), n.getOrDefault("duplicates/exact", 0L),
                n.getOrDefault("duplicates/near", 0L), n.getOrDefault("rejects", 0L), n.getOrDefault("entities", 0L));
    }

    /**
     * Commits every table: the run date's earlier files go, the staged ones are renamed in. Entities is committed
     * even when the stage was off: its empty staging removes a previous run's rows. Then the staging goes.
     */
    public void commit() {
        commit(TABLES);
    }

    /** Commits {@code tables} only ({@code reprocess} re-derives some tables of a committed night). */
    public void commit(List<TableSchema> tables) {
        commit(tables, false);
    }

    /**
     * Commits {@code tables} in one {@link FileSwap}: the night's files of every table are replaced at once, or not
     * at all, whatever a crash interrupts. For {@code reprocess}, whose input is the very rows it replaces.
     */
    public void commitAtomically(List<TableSchema> tables) {
        commit(tables, true);
    }

    private void commit(List<TableSchema> tables, boolean atomically) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        // Everything is staged before the first rename: a failure while staging still leaves nothing committed.
        for (TableSchema t : tables) {
            stageEmptyIfNeeded(conf, t);
        }
        Map<TableSchema, List<Path>> carried = new LinkedHashMap<>();
        for (TableSchema t : tables) {
            carried.put(t, stageCarried(conf, t));
        }
        NightRegistry.Night recorded = recordNight(conf, tables, staging);
        committing = true;
        if (atomically) {
            committed.putAll(swapIn(conf, staging, tables, carried));
        } else {
            for (TableSchema t : tables) {
                // A table whose compacted files are rewritten swaps everything in one journal: the night's rows
                // are never in a compacted file and a new file at once.
                committed.put(t, carried.get(t).isEmpty() ? TableWriter.commit(conf, staging, output, t, runDate,
                        where(conf, t))
                        : swapIn(conf, staging, List.of(t), carried).get(t));
            }
        }
        previous = recorded;   // its files are in now: a later commit of this run replaces them
        TableWriter.deleteStaging(conf, output, staging + "-carry");
        TableWriter.deleteStaging(conf, output, staging);
    }

    /**
     * The staged files of {@code tables} (under {@code stagingRoot}) and their rewritten compacted files, in for the
     * night's previous files and the compacted files they replace, by one {@link FileSwap}.
     */
    private Map<TableSchema, TableWriter.Committed> swapIn(Configuration conf, String stagingRoot,
            List<TableSchema> tables, Map<TableSchema, List<Path>> carried) {
        try {
            FileSystem fs = new Path(output).getFileSystem(conf);
            String token = Long.toString(System.currentTimeMillis(), 36);
            FileSwap swap = FileSwap.begin(conf, output, "night-" + runDate + "-" + token);
            Map<TableSchema, TableWriter.CommitPlan> plans = new LinkedHashMap<>();
            for (TableSchema t : tables) {
                TableWriter.CommitPlan plan = TableWriter.plan(conf, stagingRoot, output, t, runDate, where(conf, t));
                plans.put(t, plan);
                plan.deletes().forEach(swap::delete);
                for (Path[] m : plan.moves()) {
                    swap.add(m[0], m[1]);
                }
                addCarried(fs, swap, t, carried.getOrDefault(t, List.of()), token);
            }
            swap.commit();
            Map<TableSchema, TableWriter.Committed> out = new LinkedHashMap<>();
            for (Map.Entry<TableSchema, TableWriter.CommitPlan> e : plans.entrySet()) {
                TableWriter.CommitPlan plan = e.getValue();
                List<Path> deleted = new ArrayList<>(plan.deletes());
                deleted.addAll(carried.getOrDefault(e.getKey(), List.of()));
                out.put(e.getKey(), TableWriter.Committed.of(plan.moves().size(), plan.partitions(),
                        TableWriter.removeEmptyDirs(fs, plan.target(), deleted, plan.partitions()), plan.target(),
                        deleted));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Commit of " + tables + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * A rerun of a night whose rows were compacted together with other nights' ({@link Compaction}): those files are
     * rewritten without this night's rows (staged here, swapped in after the table's commit). Returns the compacted
     * files to replace; none in the usual case (a night not yet compacted, or a first run).
     */
    List<Path> stageCarried(Configuration conf, TableSchema table) {
        try {
            Path target = new Path(output, table.name());
            FileSystem fs = target.getFileSystem(conf);
            java.util.Set<String> where = where(conf, table);
            if (!fs.exists(target) || (where != null && where.isEmpty())) {
                return List.of();   // a first run (or a table it never wrote): no compacted file can hold its rows
            }
            List<Path> holding = TableWriter.holdingOthers(fs, fs.makeQualified(target), table, runDate, where);
            if (holding.isEmpty()) {
                return List.of();
            }
            LOG.info("Rerun of {}: rewriting {} compacted file(s) of {} without this night's rows", runDate,
                    holding.size(), table.name());
            Dataset<Row> others = spark.read().schema(table.structType()).option("basePath", fs.makeQualified(target).toString())
                    .parquet(holding.stream().map(Path::toString).toArray(String[]::new))
                    .where(functions.col("run_date").notEqual(functions.lit(java.sql.Date.valueOf(runDate))));
            String key = table.partitionColumn();
            Dataset<Row> spread = key == null ? others.repartition(1) : others.repartition(functions.col(key));
            TableWriter.sortedWriter(spread, table, write.compression(), write.maxRecordsPerFile())
                    .parquet(staging + "-carry/" + table.name());
            return holding;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rewrite the compacted files of " + table.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Adds to {@code swap} the rewritten compacted files of {@code table} in for {@code holding}. */
    private void addCarried(FileSystem fs, FileSwap swap, TableSchema table, List<Path> holding, String token)
            throws IOException {
        if (holding.isEmpty()) {
            return;
        }
        Path root = fs.makeQualified(new Path(output, table.name()));
        Map<Path, LocalDate[]> ranges = new TreeMap<>();
        for (Path old : holding) {
            swap.delete(old);
            LocalDate[] r = Compaction.runDatesOf(old.getName());
            ranges.merge(old.getParent(), r, (a, b) -> new LocalDate[] {a[0].isBefore(b[0]) ? a[0] : b[0],
                    a[1].isAfter(b[1]) ? a[1] : b[1]});
        }
        Path carried = fs.makeQualified(new Path(staging + "-carry/" + table.name()));
        for (Map.Entry<Path, LocalDate[]> e : ranges.entrySet()) {
            String rel = e.getKey().toUri().getPath().substring(root.toUri().getPath().length());
            Path stagedDir = rel.isEmpty() ? carried : new Path(carried.toString() + rel);
            List<org.apache.hadoop.fs.FileStatus> files = Compaction.visibleFiles(fs, stagedDir);
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i).getPath();
                swap.add(f, new Path(e.getKey(), Compaction.compactedName(e.getValue()[0], e.getValue()[1], token, i,
                        f.getName())));
            }
        }
    }

    /** The rows staged for {@code table}, as they will be committed (call after {@link #stage} of that table). */
    public Dataset<Row> staged(TableSchema table) {
        return spark.read().schema(table.structType()).parquet(TableWriter.stagingPath(staging, table));
    }

    /** Rows staged for {@code table} (none staged: 0). */
    public long stagedRows(TableSchema table) {
        String path = TableWriter.stagingPath(staging, table);
        try {
            Path p = new Path(path);
            if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
                return 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spark.read().schema(table.structType()).parquet(path).count();
    }

    /** Per table, what the commit changed (the partitions the catalog registers); empty before the commit. */
    public Map<TableSchema, TableWriter.Committed> committed() {
        return Collections.unmodifiableMap(committed);
    }

    /** Whether the renames into the tables have begun (a failure from then on may leave the night partly committed). */
    public boolean committing() {
        return committing;
    }

    /**
     * From the first committed night on, every table reads as a table with its schema, rows or not: when neither
     * the table nor tonight's staging holds a file (no reject so far, entities off), a zero-row file is staged in
     * the night's partition, so that the commit names it for the night and a rerun replaces it like any of its
     * files. Never at the table root, where it would break partition discovery.
     */
    void stageEmptyIfNeeded(Configuration conf, TableSchema table) {
        try {
            Path target = new Path(output, table.name());
            FileSystem fs = target.getFileSystem(conf);
            // Tonight's own files in the table do not count: the commit replaces them (a rerun of the first night).
            if (hasParquet(fs, target, TableWriter.filePrefix(runDate), runDate)
                    || hasParquet(fs, new Path(TableWriter.stagingPath(staging, table)), null, null)) {
                return;
            }
            String tmp = staging + "-empty/" + table.name();
            org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType(
                    java.util.Arrays.stream(table.structType().fields())
                            .filter(f -> !f.name().equals(table.partitionColumn()))
                            .toArray(org.apache.spark.sql.types.StructField[]::new));
            spark.createDataFrame(List.of(), schema).coalesce(1).write().mode(org.apache.spark.sql.SaveMode.Overwrite)
                    .option("compression", TableWriter.codec(table, write.compression())).parquet(tmp);
            Path written = null;
            for (org.apache.hadoop.fs.FileStatus s : fs.listStatus(new Path(tmp))) {
                if (s.getPath().getName().endsWith(".parquet")) {
                    written = s.getPath();
                }
            }
            if (written == null) {
                throw new IOException("Spark wrote no file for the empty table " + table.name());
            }
            Path stagedTable = new Path(TableWriter.stagingPath(staging, table));
            Path dir = table.partitionColumn() == null ? stagedTable
                    : new Path(stagedTable, table.partitionColumn() + "=" + runDate);
            fs.mkdirs(dir);
            Path dest = new Path(dir, written.getName());
            if (!fs.rename(written, dest)) {
                throw new IOException("Cannot move " + written + " to " + dest);
            }
            fs.delete(new Path(staging + "-empty"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the empty file of table " + table.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The folders of {@code table} that may hold files of this night already: none on a first run, those the
     * registry recorded on a rerun (null: any, a night recorded by an earlier build). Asked once, before the night
     * records itself.
     */
    private java.util.Set<String> where(Configuration conf, TableSchema table) {
        NightRegistry.Night before = previous(conf);
        return before == null ? java.util.Set.of() : before.partitions(table.name());
    }

    /** What the registry knew of this night before this run recorded it (asked once); null: no files of it. */
    private NightRegistry.Night previous(Configuration conf) {
        if (!asked) {
            previous = NightRegistry.night(conf, output, runDate);
            asked = true;
        }
        return previous;
    }

    /**
     * Records the night in the registry before its first rename, with the folders {@code tables} staged under
     * {@code stagingRoot} go to (after asking where its earlier files are); from then on, a later commit of this
     * run replaces what it committed.
     */
    private NightRegistry.Night recordNight(Configuration conf, List<TableSchema> tables, String stagingRoot) {
        previous(conf);
        Map<String, java.util.SortedSet<String>> folders = new TreeMap<>();
        for (TableSchema t : tables) {
            folders.put(t.name(), TableWriter.stagedFolders(conf, stagingRoot, t));
        }
        return NightRegistry.record(conf, output, runDate, folders);
    }

    /** Stages and commits the night's row of {@code runs} (its own staging folder: a failed run keeps the other). */
    public void writeRunRow(RunRecord run) {
        String runStaging = staging + "-runs";
        Dataset<RunRecord> row = spark.createDataset(List.of(run), Encoders.bean(RunRecord.class));
        TableWriter.stage(TableSchemas.RUNS.project(row), TableSchemas.RUNS, runStaging, write, 1,
                TableWriter.Spread.BY_PARTITION);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<Path> carried = stageCarried(conf, TableSchemas.RUNS);
        NightRegistry.Night recorded = recordNight(conf, List.of(TableSchemas.RUNS), runStaging);
        if (carried.isEmpty()) {
            TableWriter.commit(conf, runStaging, output, TableSchemas.RUNS, runDate, where(conf, TableSchemas.RUNS));
        } else {
            swapIn(conf, runStaging, List.of(TableSchemas.RUNS), Map.of(TableSchemas.RUNS, carried));
        }
        previous = recorded;
        TableWriter.deleteStaging(conf, output, staging + "-carry");
        TableWriter.deleteStaging(conf, output, runStaging);
    }

    /**
     * Whether {@code dir} holds a Parquet file that is not one of the night's own: a name starting with {@code except}
     * (null: none), or a compacted file of {@code night}'s rows alone.
     */
    private static boolean hasParquet(FileSystem fs, Path dir, String except, LocalDate night) throws IOException {
        if (!fs.exists(dir)) {
            return false;
        }
        var it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            String name = it.next().getPath().getName();
            LocalDate[] range = Compaction.runDatesOf(name);
            boolean tonights = (except != null && name.startsWith(except))
                    || (night != null && range != null && night.equals(range[0]) && night.equals(range[1]));
            if (name.endsWith(".parquet") && !name.startsWith(".") && !tonights) {
                return true;
            }
        }
        return false;
    }

    /** Removes this night's staging (after a failure that is not worth inspecting, such as a full disk). */
    public void discardStaging() {
        TableWriter.deleteStaging(spark.sparkContext().hadoopConfiguration(), output, staging);
    }

    /**
     * With the lock held no other run is staging, so whatever {@code _staging} holds was left by a run that died
     * (readers never looked there); it goes before this run stages anything.
     */
    public static void removeOrphanStaging(Configuration conf, String output) {
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

    /**
     * Probes that the output can be written; folders the probe had to create are removed again, so that a run
     * that fails later on its input leaves nothing behind.
     */
    public static void checkWritable(String output, Configuration conf) {
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
     * A full disk or quota surfaces deep inside a Spark task failure, or in a second failure while recording the
     * first; it is a condition of the output, not a bug, so it becomes one clear message (exit code 4). Anything
     * else comes back as it is.
     */
    public static RuntimeException outOfSpace(Exception e, String output) {
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
        List<Throwable> out = new ArrayList<>();
        Deque<Throwable> todo = new ArrayDeque<>(List.of(e));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
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
}
