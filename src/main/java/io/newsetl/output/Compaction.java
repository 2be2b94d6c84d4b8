package io.newsetl.output;

import io.newsetl.config.JobConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Rewrites the partitions of the tables into few right-sized files, sorted as a night writes them, with the same
 * rows: {@code news-etl compact}. Named steps, each with its own result:
 * <ol>
 *   <li>{@link #plan}: the partitions (of a date range) that hold more files than their bytes need;</li>
 *   <li>{@link #rewrite}: Spark reads exactly those files and stages one table's partitions at a time, sorted, about
 *       {@code write.target-file-bytes} per file; the staged rows are counted against the planned ones;</li>
 *   <li>{@link #commit}: one {@link FileSwap} for every table: the new files in, the old ones out, crash-safe.</li>
 * </ol>
 * A compacted file is named {@code part-c<first run_date>-<last run_date>-<token>-<n>}: the nights whose rows it
 * holds. A rerun of a night deletes its own {@code part-r} files as before, and rewrites the compacted files whose
 * range holds its night without that night's rows ({@link TableWriter#commit}), so it still replaces exactly its
 * night. Run it with the run lock held (the CLI does): a night and a compaction never overlap.
 *
 * <pre>{@code
 * Compaction.Plan plan = Compaction.plan(conf, "/warehouse/news", TableSchemas.all(), null, null, 128L << 20);
 * Compaction.Result result = Compaction.commit(conf, "/warehouse/news",
 *         Compaction.rewrite(spark, "/warehouse/news", plan, cfg.write()));
 * }</pre>
 */
public final class Compaction {

    /** A compacted file's name: the first and last run_date of its rows, a token of the compaction, an index. */
    static final Pattern COMPACTED = Pattern.compile("part-c(\\d{8})-(\\d{8})-([0-9a-z]+)-\\d+\\..*parquet");

    private Compaction() {
    }

    /** One partition folder (or a table without partitions) and the visible files it holds. */
    public record Partition(TableSchema table, Path dir, String value, List<FileStatus> files) {
        public long bytes() {
            return files.stream().mapToLong(FileStatus::getLen).sum();
        }
    }

    /** What {@link #plan} found: the partitions to rewrite and how many it looked at. */
    public record Plan(List<Partition> partitions, int partitionsSeen, int filesSeen, long targetFileBytes) {
    }

    /** One table's staged rewrite: its partitions, the staged folder, rows read and staged per partition value. */
    public record Staged(TableSchema table, List<Partition> partitions, Path staging, Map<String, Long> rows,
            Map<String, LocalDate[]> runDates) {
    }

    /** The rewrite of every planned table, staged, not yet visible. */
    public record Rewrite(Plan plan, List<Staged> tables, String token, Path staging) {
    }

    /** Per table: partitions rewritten, files before and after, rows (the same before and after). */
    public record TableResult(String table, int partitions, int filesBefore, int filesAfter, long rows) {
    }

    public record Result(int partitionsSeen, int filesSeen, List<TableResult> tables) {
        public int filesBefore() {
            return tables.stream().mapToInt(TableResult::filesBefore).sum();
        }

        public int filesAfter() {
            return tables.stream().mapToInt(TableResult::filesAfter).sum();
        }
    }

    /**
     * The partitions of {@code tables} whose value (date) is within {@code from}-{@code to} (null: open) that hold
     * more than one file and more files than {@code ceil(bytes / targetFileBytes)}. A partition whose files all
     * come from one compaction is not planned again, however its rows fell into files: compaction is idempotent.
     */
    public static Plan plan(Configuration conf, String output, List<TableSchema> tables, LocalDate from, LocalDate to,
            long targetFileBytes) {
        return plan(conf, output, tables, from, to, targetFileBytes, false);
    }

    /**
     * {@link #plan(Configuration, String, List, LocalDate, LocalDate, long)}, or with {@code rewriteAll} every
     * partition that holds a file, compacted or not: after an upgrade that changes how a table's files are written
     * (as {@code dedup_keys}' page size did), its stored files take the new layout.
     */
    public static Plan plan(Configuration conf, String output, List<TableSchema> tables, LocalDate from, LocalDate to,
            long targetFileBytes, boolean rewriteAll) {
        List<Partition> out = new ArrayList<>();
        int seen = 0;
        int files = 0;
        try {
            for (TableSchema t : tables) {
                Path root = new Path(output, t.name());
                FileSystem fs = root.getFileSystem(conf);
                if (!fs.exists(root)) {
                    continue;
                }
                root = fs.makeQualified(root);
                List<Partition> parts = new ArrayList<>();
                if (t.partitionColumn() == null) {
                    parts.add(new Partition(t, root, null, visibleFiles(fs, root)));
                } else {
                    String prefix = t.partitionColumn() + "=";
                    for (FileStatus d : fs.listStatus(root)) {
                        String name = d.getPath().getName();
                        if (!d.isDirectory() || !name.startsWith(prefix)) {
                            continue;
                        }
                        String value = name.substring(prefix.length());
                        if (!inRange(value, from, to)) {
                            continue;
                        }
                        parts.add(new Partition(t, d.getPath(), value, visibleFiles(fs, d.getPath())));
                    }
                }
                for (Partition p : parts) {
                    seen++;
                    files += p.files().size();
                    long needed = Math.max(1, (p.bytes() + targetFileBytes - 1) / targetFileBytes);
                    if (rewriteAll ? !p.files().isEmpty()
                            : p.files().size() > 1 && p.files().size() > needed && !compacted(p)) {
                        out.add(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the tables under " + output + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing((Partition p) -> p.table().name()).thenComparing(p -> String.valueOf(p.value())));
        return new Plan(List.copyOf(out), seen, files, targetFileBytes);
    }

    /** Whether every file of the partition was written by one compaction (the same token). */
    static boolean compacted(Partition p) {
        String token = null;
        for (FileStatus f : p.files()) {
            Matcher m = COMPACTED.matcher(f.getPath().getName());
            if (!m.matches() || (token != null && !token.equals(m.group(3)))) {
                return false;
            }
            token = m.group(3);
        }
        return token != null;
    }

    /**
     * Stages the planned partitions, table by table: the planned files are read (nothing else), spread by partition
     * value, sorted by the table's sort columns and written at about the target size per file.
     *
     * @throws IllegalStateException when the staged rows differ from the rows read (a bug: nothing is committed)
     */
    public static Rewrite rewrite(SparkSession spark, String output, Plan plan, JobConfig.Write write) {
        String token = Long.toString(System.currentTimeMillis(), 36);
        Path staging = new Path(output, "_staging/compact-" + token);
        Map<TableSchema, List<Partition>> byTable = new LinkedHashMap<>();
        plan.partitions().forEach(p -> byTable.computeIfAbsent(p.table(), k -> new ArrayList<>()).add(p));
        List<Staged> staged = new ArrayList<>();
        for (Map.Entry<TableSchema, List<Partition>> e : byTable.entrySet()) {
            TableSchema t = e.getKey();
            List<Partition> parts = e.getValue();
            String[] paths = parts.stream().flatMap(p -> p.files().stream()).map(f -> f.getPath().toString())
                    .toArray(String[]::new);
            Dataset<Row> rows = spark.read().schema(t.structType()).option("basePath", output + "/" + t.name())
                    .parquet(paths);
            String key = t.partitionColumn();
            Map<String, Long> counts = new TreeMap<>();
            Map<String, LocalDate[]> runDates = new TreeMap<>();
            Dataset<Row> stats = rows.groupBy(key == null ? functions.lit("") : functions.col(key).cast("string"))
                    .agg(functions.count(functions.lit(1)), functions.min("run_date"), functions.max("run_date"));
            long total = 0;
            for (Row r : stats.collectAsList()) {
                String v = r.isNullAt(0) ? "" : r.getString(0);
                counts.put(v, r.getLong(1));
                total += r.getLong(1);
                runDates.put(v, new LocalDate[] {r.isNullAt(2) ? null : r.getDate(2).toLocalDate(),
                        r.isNullAt(3) ? null : r.getDate(3).toLocalDate()});
            }
            long bytes = parts.stream().mapToLong(Partition::bytes).sum();
            // Sized by bytes alone: a row count cap would cut small rows into small files (a dedup_keys row is about
            // 30 bytes: write.max-records-per-file of them make a 15 MB file).
            long rowsPerFile = total == 0 ? write.maxRecordsPerFile()
                    : Math.max(1, plan.targetFileBytes() * total / Math.max(1, bytes));
            int tasks = Math.max(1, Math.min(parts.size(), spark.sparkContext().defaultParallelism() * 2));
            Dataset<Row> spread = key == null ? rows.repartition(1) : rows.repartition(tasks, functions.col(key));
            Path dir = new Path(staging, t.name());
            TableWriter.sortedWriter(spread, t, write.compression(), rowsPerFile).parquet(dir.toString());
            Map<String, Long> written = new TreeMap<>();
            for (Row r : spark.read().schema(t.structType()).parquet(dir.toString())
                    .groupBy(key == null ? functions.lit("") : functions.col(key).cast("string")).count().collectAsList()) {
                written.put(r.isNullAt(0) ? "" : r.getString(0), r.getLong(1));
            }
            counts.values().removeIf(v -> v == 0);
            if (!written.equals(counts)) {
                throw new IllegalStateException("Compaction of " + t.name() + " staged " + written + " rows per "
                        + "partition for " + counts + " read; nothing was committed (staging kept in " + staging + ")");
            }
            staged.add(new Staged(t, List.copyOf(parts), dir, counts, runDates));
        }
        return new Rewrite(plan, List.copyOf(staged), token, staging);
    }

    /** Swaps every staged table in, in one {@link FileSwap}, and removes the staging. */
    public static Result commit(Configuration conf, String output, Rewrite rewrite) {
        List<TableResult> results = new ArrayList<>();
        try {
            FileSystem fs = new Path(output).getFileSystem(conf);
            FileSwap swap = FileSwap.begin(conf, output, "compact-" + rewrite.token());
            for (Staged s : rewrite.tables()) {
                int before = 0;
                int after = 0;
                for (Partition p : s.partitions()) {
                    String v = p.value() == null ? "" : p.value();
                    Path stagedDir = p.value() == null ? s.staging()
                            : new Path(s.staging(), s.table().partitionColumn() + "=" + p.value());
                    List<Path> files = visibleFiles(fs, stagedDir).stream().map(FileStatus::getPath)
                            .sorted(Comparator.comparing(Path::getName)).toList();
                    if (files.isEmpty()) {
                        continue;   // no row (only zero-row files): left as it is, so the table keeps its schema
                    }
                    LocalDate[] range = s.runDates().getOrDefault(v, new LocalDate[2]);
                    for (int i = 0; i < files.size(); i++) {
                        swap.add(files.get(i), new Path(p.dir(), compactedName(range[0], range[1], rewrite.token(), i,
                                files.get(i).getName())));
                    }
                    p.files().forEach(f -> swap.delete(f.getPath()));
                    before += p.files().size();
                    after += files.size();
                }
                results.add(new TableResult(s.table().name(), s.partitions().size(), before, after,
                        s.rows().values().stream().mapToLong(Long::longValue).sum()));
            }
            swap.commit();
            fs.delete(rewrite.staging(), true);
            Path parent = rewrite.staging().getParent();
            if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
                fs.delete(parent, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Compaction commit failed: " + e.getMessage(), e);
        }
        return new Result(rewrite.plan().partitionsSeen(), rewrite.plan().filesSeen(), List.copyOf(results));
    }

    /**
     * The whole command with the run lock held: a night never overlaps it (whichever comes second refuses with
     * {@link io.newsetl.model.LockedException}); a swap or staging left by a run that died is settled first.
     */
    public static Result runLocked(SparkSession spark, JobConfig cfg, List<TableSchema> tables, LocalDate from,
            LocalDate to) {
        return runLocked(spark, cfg, tables, from, to, false);
    }

    /** {@link #runLocked(SparkSession, JobConfig, List, LocalDate, LocalDate)}, every partition if {@code rewriteAll}. */
    public static Result runLocked(SparkSession spark, JobConfig cfg, List<TableSchema> tables, LocalDate from,
            LocalDate to, boolean rewriteAll) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        try (RunLock lock = RunLock.acquire(hadoop, cfg.output(), "compact", cfg.lockStaleSeconds())) {
            FileSwap.recover(hadoop, cfg.output());
            NightCommit.removeOrphanStaging(hadoop, cfg.output());
            Plan plan = plan(hadoop, cfg.output(), tables, from, to, cfg.write().targetFileBytes(), rewriteAll);
            return commit(hadoop, cfg.output(), rewrite(spark, cfg.output(), plan, cfg.write()));
        }
    }

    /** {@code part-c<first>-<last>-<token>-<n>.<codec>.parquet}, the codec suffix taken from Spark's file name. */
    static String compactedName(LocalDate first, LocalDate last, String token, int n, String sparkName) {
        return String.format("part-c%s-%s-%s-%05d%s", compact(first), compact(last), token, n,
                TableWriter.codecSuffix(sparkName));
    }

    /** The first and last run_date of a compacted file's rows, from its name; null for any other file. */
    static LocalDate[] runDatesOf(String fileName) {
        Matcher m = COMPACTED.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        return new LocalDate[] {parse(m.group(1)), parse(m.group(2))};
    }

    private static String compact(LocalDate d) {
        return d == null ? "00000000" : d.toString().replace("-", "");
    }

    private static LocalDate parse(String yyyymmdd) {
        return yyyymmdd.equals("00000000") ? null
                : LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)), Integer.parseInt(yyyymmdd.substring(4, 6)),
                        Integer.parseInt(yyyymmdd.substring(6)));
    }

    private static boolean inRange(String value, LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return true;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
        return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
    }

    /** The Parquet files of a folder that readers see (not hidden, not in sub-folders). */
    static List<FileStatus> visibleFiles(FileSystem fs, Path dir) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus f : fs.listStatus(dir)) {
            String n = f.getPath().getName();
            if (f.isFile() && n.endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_")) {
                out.add(f);
            }
        }
        out.sort(Comparator.comparing(f -> f.getPath().getName()));
        return out;
    }
}
