package io.newsetl.output;

import io.newsetl.config.JobConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;

/**
 * Writes a table for one run in two steps, so that readers never see half-written data:
 * <ol>
 *   <li>{@link #stage}: Spark writes the run's rows, partitioned and sorted, under
 *       {@code <output>/_staging/<run id>/<table>/} (invisible to readers of {@code <output>/<table>/});</li>
 *   <li>{@link #commit}: after the run's checks pass, the files of the same run date already in the table are
 *       deleted and the staged files are renamed into place as {@code part-r<YYYYMMDD>-<n>.<codec>.parquet}.</li>
 * </ol>
 * A partition therefore holds one small set of files per night that wrote to it (until {@link Compaction} folds
 * them), and rerunning a night replaces exactly that night's rows in every partition, whatever partitions the
 * rerun touches: its {@code part-r} files and the compacted files of its night alone go, and compacted files that
 * hold other nights' rows too are rewritten without its rows ({@link NightCommit}). Renames are atomic per
 * file on HDFS and local disks; between the delete and the renames (milliseconds) a reader may see the night's
 * rows missing, never doubled.
 */
public final class TableWriter {

    private TableWriter() {
    }

    /** How a table's rows reach its write tasks. */
    public enum Spread {
        /**
         * Shuffled into the write tasks by the partition column: one file per partition value and night (more only
         * past max-records-per-file), whatever order the rows come in. For a small subset of the night (rejects),
         * whose selecting scan keeps its parallelism, and for rows already shuffled by another key (entities, and
         * articles joined to their entity summary).
         */
        BY_PARTITION,
        /**
         * The partitions the rows come in, merged into the write tasks without a shuffle, each task's rows sorted.
         * For rows in the order of the input listing (a date-organised tree gives each task a run of consecutive
         * days, so about one file per partition value and night; 1,725 files for 1,390 dates at a million
         * articles here), and for an aggregation's output (paragraph_index, one partition value per night, already
         * spread by key). At a million articles the articles' shuffle it saves was 1.4 GB.
         */
        MERGED
    }

    /** Writes {@code rows} (already projected to the table's columns) under the staging folder of the table. */
    public static void stage(Dataset<Row> rows, TableSchema table, String stagingRoot, JobConfig.Write write,
            int writePartitions, Spread mode) {
        stage(rows, table, stagingRoot, write, writePartitions, mode, write.maxRecordsPerFile());
    }

    /**
     * {@link #stage(Dataset, TableSchema, String, JobConfig.Write, int, Spread)} of rows known to be at most
     * {@code rowsAtMost}: a Bloom filter the table declares is sized for them, not for a file of
     * {@code write.max-records-per-file} rows (a night of a few articles writes filters of a few bytes, not 1 MB).
     */
    public static void stage(Dataset<Row> rows, TableSchema table, String stagingRoot, JobConfig.Write write,
            int writePartitions, Spread mode, long rowsAtMost) {
        Dataset<Row> spread;
        if (table.partitionColumn() == null) {
            spread = rows.repartition(1);
        } else if (mode == Spread.MERGED) {
            spread = rows.coalesce(Math.max(1, writePartitions));
        } else {
            // Hash partitioning puts each partition value in one write task; no sampling pass as range partitioning
            // would need.
            spread = rows.repartition(Math.max(1, writePartitions), functions.col(table.partitionColumn()));
        }
        sortedWriter(spread, table, write.compression(), write.maxRecordsPerFile(),
                Math.min(write.maxRecordsPerFile(), rowsAtMost)).parquet(stagingPath(stagingRoot, table));
    }

    /**
     * The writer of a table's files from rows already spread into their write tasks, as every writer of the table
     * writes them (a night, a rerun's carried rows, {@code compact}): each task's rows sorted by the partition
     * column and the table's sort columns, partitioned by that column, with the table's own Parquet options.
     */
    static org.apache.spark.sql.DataFrameWriter<Row> sortedWriter(Dataset<Row> spread, TableSchema table,
            String compression, long maxRecordsPerFile) {
        return sortedWriter(spread, table, compression, maxRecordsPerFile, maxRecordsPerFile);
    }

    /** {@link #sortedWriter(Dataset, TableSchema, String, long)} with Bloom filters sized for {@code rowsPerFile}. */
    static org.apache.spark.sql.DataFrameWriter<Row> sortedWriter(Dataset<Row> spread, TableSchema table,
            String compression, long maxRecordsPerFile, long rowsPerFile) {
        List<org.apache.spark.sql.Column> order = new ArrayList<>();
        if (table.partitionColumn() != null) {
            order.add(functions.col(table.partitionColumn()));
        }
        table.sortColumns().forEach(c -> order.add(functions.col(c)));
        var writer = spread.sortWithinPartitions(order.toArray(org.apache.spark.sql.Column[]::new)).write()
                .mode(SaveMode.Overwrite).options(parquetOptions(table, rowsPerFile))
                .option("compression", codec(table, compression)).option("maxRecordsPerFile", maxRecordsPerFile);
        return table.partitionColumn() == null ? writer : writer.partitionBy(table.partitionColumn());
    }

    /**
     * The codec of a table's files: its own ({@code compression} among its Parquet options, as {@code dedup_keys},
     * whose random hashes do not compress), else the configured one ({@code write.compression}).
     */
    static String codec(TableSchema table, String configured) {
        return table.parquetOptions().getOrDefault(COMPRESSION, configured);
    }

    private static final String COMPRESSION = "compression";

    /**
     * The table's Parquet options for files of at most {@code rowsPerFile} rows: a Bloom filter is sized for
     * the distinct values the table declares per row group, or for the file's rows when they are fewer (a night's
     * small files then carry small filters).
     */
    static java.util.Map<String, String> parquetOptions(TableSchema table, long rowsPerFile) {
        java.util.Map<String, String> options = new java.util.TreeMap<>(table.parquetOptions());
        options.replaceAll((key, value) -> key.startsWith("parquet.bloom.filter.expected.ndv#")
                ? String.valueOf(Math.min(Long.parseLong(value), Math.max(1, rowsPerFile))) : value);
        return options;
    }

    /**
     * The committed data files of a table (those {@link #read} reads: not hidden, in its partition folders), sorted,
     * listed with the file system alone: no Spark data source is resolved, which in a JVM that has read no Parquet
     * yet loads and plans more than a listing needs. None: empty.
     */
    public static String[] files(org.apache.spark.sql.SparkSession spark, String outputRoot, TableSchema table) {
        Path target = new Path(outputRoot, table.name());
        try {
            FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(target)) {
                return new String[0];
            }
            return glob(fs, fs.makeQualified(target), table, "*", null).stream()
                    .filter(p -> !p.getName().startsWith("_") && !p.getName().startsWith("."))
                    .map(Path::toString).sorted().toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list table " + target + ": " + e.getMessage(), e);
        }
    }

    /** The committed rows of a table, with its declared schema; empty (not an error) when nothing was committed. */
    public static Dataset<Row> read(org.apache.spark.sql.SparkSession spark, String outputRoot, TableSchema table) {
        String path = outputRoot + "/" + table.name();
        try {
            Path p = new Path(path);
            if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
                return spark.createDataFrame(List.of(), table.structType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read table " + path + ": " + e.getMessage(), e);
        }
        return spark.read().schema(table.structType()).parquet(path);
    }

    /**
     * The rows one night committed into some partitions of a table: its own files ({@code part-r<YYYYMMDD>-*}) in
     * those folders, nothing else listed or read. Right after the night's commit these hold all of its rows there
     * (compaction folds them later). None: empty.
     */
    public static Dataset<Row> readNightFiles(org.apache.spark.sql.SparkSession spark, String outputRoot,
            TableSchema table, java.util.Collection<String> partitions, LocalDate runDate) {
        Path root = new Path(outputRoot, table.name());
        String prefix = filePrefix(runDate) + "-";
        List<String> files = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (String partition : new java.util.TreeSet<>(partitions)) {
                Path dir = new Path(root, partition);
                if (!fs.exists(dir)) {
                    continue;
                }
                for (FileStatus f : fs.listStatus(dir, p -> p.getName().startsWith(prefix)
                        && p.getName().endsWith(".parquet"))) {
                    files.add(f.getPath().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read table " + root + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            return spark.createDataFrame(List.of(), table.structType());
        }
        return spark.read().schema(table.structType()).option("basePath", root.toString())
                .parquet(files.toArray(String[]::new));
    }

    public static String stagingPath(String stagingRoot, TableSchema table) {
        return stagingRoot + "/" + table.name();
    }

    /**
     * What a commit changed in a table: files renamed in, the partition folders (such as {@code pub_date=2018-05-29})
     * that received files, those it left empty and removed (a rerun whose night no longer has that date), and every
     * partition folder whose rows changed (received or lost files: what the per-date statistics recompute).
     */
    public record Committed(int files, java.util.SortedSet<String> partitions, java.util.SortedSet<String> removed,
            java.util.SortedSet<String> changed) {

        /**
         * @param target  the table's folder
         * @param deleted the files the commit deleted (the night's previous files, compacted files rewritten)
         */
        static Committed of(int files, java.util.SortedSet<String> partitions, java.util.SortedSet<String> removed,
                Path target, List<Path> deleted) {
            java.util.SortedSet<String> changed = new java.util.TreeSet<>(partitions);
            for (Path old : deleted) {
                if (!old.getParent().equals(target)) {
                    changed.add(old.getParent().getName());
                }
            }
            return new Committed(files, partitions, removed, changed);
        }
    }

    /**
     * What committing a table's staged files means: the files to delete (the run date's previous ones) and each
     * staged file with the name it takes ({@code part-r<YYYYMMDD>-<n>}), by partition folder.
     */
    public record CommitPlan(Path target, List<Path> deletes, List<Path[]> moves,
            java.util.SortedSet<String> partitions) {
    }

    /** The folder name {@link NightRegistry} records for a table's root (a table without partitions). */
    public static final String ROOT = ".";

    /**
     * The commit of {@code table}'s staged files as a plan, nothing changed yet.
     *
     * @param where the table's folders that may hold files of the night already ({@link NightRegistry}; a partition
     *              folder such as {@code pub_date=2018-05-29}, or {@link #ROOT}); empty for a first run, which lists
     *              nothing of the history; null for any folder
     */
    public static CommitPlan plan(Configuration conf, String stagingRoot, String outputRoot, TableSchema table,
            LocalDate runDate, java.util.Set<String> where) {
        try {
            Path target = new Path(outputRoot, table.name());
            FileSystem fs = target.getFileSystem(conf);
            // Qualified, so that listed files and the roots compare as the same kind of path.
            target = fs.makeQualified(target);
            String prefix = filePrefix(runDate);
            TreeMap<String, List<Path>> byPartition = staged(fs, stagingRoot, table);
            List<Path[]> moves = new ArrayList<>();
            for (var e : byPartition.entrySet()) {
                Path dir = e.getKey().isEmpty() ? target : new Path(target, e.getKey());
                List<Path> files = e.getValue();
                files.sort(Comparator.comparing(Path::getName));
                for (int i = 0; i < files.size(); i++) {
                    moves.add(new Path[] {files.get(i), new Path(dir, String.format("%s-%05d%s", prefix, i,
                            codecSuffix(files.get(i).getName())))});
                }
            }
            java.util.SortedSet<String> partitions = new java.util.TreeSet<>(byPartition.keySet());
            partitions.remove("");
            return new CommitPlan(target, (where == null || !where.isEmpty()) && fs.exists(target)
                    ? previousFiles(fs, target, table, prefix, runDate, where) : List.of(), moves, partitions);
        } catch (IOException e) {
            throw new UncheckedIOException("Commit of table " + table.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** Staged Parquet files grouped by partition folder ("" for the root), in a fixed order for the names they get. */
    private static TreeMap<String, List<Path>> staged(FileSystem fs, String stagingRoot, TableSchema table)
            throws IOException {
        Path staged = fs.makeQualified(new Path(stagingPath(stagingRoot, table)));
        TreeMap<String, List<Path>> byPartition = new TreeMap<>();
        if (fs.exists(staged)) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(staged, true);
            while (it.hasNext()) {
                Path p = it.next().getPath();
                if (p.getName().endsWith(".parquet") && !p.getName().startsWith(".")) {
                    byPartition.computeIfAbsent(relativeDir(staged, p), k -> new ArrayList<>()).add(p);
                }
            }
        }
        return byPartition;
    }

    /** The folders of {@code table} its staged files go to (partition folders, or {@link #ROOT}). */
    public static java.util.SortedSet<String> stagedFolders(Configuration conf, String stagingRoot, TableSchema table) {
        try {
            java.util.SortedSet<String> out = new java.util.TreeSet<>();
            Path staged = new Path(stagingPath(stagingRoot, table));
            for (String rel : staged(staged.getFileSystem(conf), stagingRoot, table).keySet()) {
                out.add(rel.isEmpty() ? ROOT : rel);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the staged files of " + table.name() + ": " + e.getMessage(), e);
        }
    }

    /** The codec suffix of a file Spark wrote ({@code .zstd.parquet} of {@code part-00000-<uuid>.c001.zstd.parquet}). */
    static String codecSuffix(String sparkName) {
        return sparkName.substring(sparkName.indexOf('.')).replaceFirst("^\\.c\\d{3}", "");
    }

    /** Swaps the staged files of {@code table} in for the run date's previous files: deletes, then renames. */
    public static Committed commit(Configuration conf, String stagingRoot, String outputRoot, TableSchema table,
            LocalDate runDate, java.util.Set<String> where) {
        CommitPlan plan = plan(conf, stagingRoot, outputRoot, table, runDate, where);
        try {
            FileSystem fs = plan.target().getFileSystem(conf);
            fs.mkdirs(plan.target());
            for (Path old : plan.deletes()) {
                fs.delete(old, false);
                fs.delete(new Path(old.getParent(), "." + old.getName() + ".crc"), false);
            }
            for (Path[] m : plan.moves()) {
                fs.mkdirs(m[1].getParent());
                if (!fs.rename(m[0], m[1])) {
                    throw new IOException("Cannot move " + m[0] + " to " + m[1]);
                }
            }
            return Committed.of(plan.moves().size(), plan.partitions(),
                    removeEmptyDirs(fs, plan.target(), plan.deletes(), plan.partitions()), plan.target(), plan.deletes());
        } catch (IOException e) {
            throw new UncheckedIOException("Commit of table " + table.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** Removes the partition folders the deletes left empty; returns their names (those tonight wrote to stay). */
    static java.util.SortedSet<String> removeEmptyDirs(FileSystem fs, Path target, List<Path> deleted,
            java.util.Set<String> partitions) throws IOException {
        java.util.SortedSet<String> removed = new java.util.TreeSet<>();
        for (Path old : deleted) {
            Path dir = old.getParent();
            if (!dir.equals(target) && !partitions.contains(dir.getName()) && fs.exists(dir)
                    && fs.listStatus(dir).length == 0) {
                fs.delete(dir, false);
                removed.add(dir.getName());
            }
        }
        return removed;
    }

    static String filePrefix(LocalDate runDate) {
        return "part-r" + runDate.toString().replace("-", "");
    }

    /**
     * The files a rerun of {@code runDate} replaces: its own {@code part-r} files, and compacted files that hold only
     * its rows. (Compacted files that hold its rows beside other nights' are rewritten by {@link #holdingOthers}'s
     * caller, {@link NightCommit}.)
     */
    private static List<Path> previousFiles(FileSystem fs, Path target, TableSchema table, String prefix,
            LocalDate runDate, java.util.Set<String> where) throws IOException {
        // One listing of the folders for both kinds.
        String compacted = "part-c" + prefix.substring("part-r".length());
        List<Path> out = new ArrayList<>();
        for (Path p : glob(fs, target, table, "{" + prefix + "-*," + compacted + "-*}", where)) {
            LocalDate[] range = Compaction.runDatesOf(p.getName());
            if (range == null || runDate.equals(range[1])) {
                out.add(p);   // the night's own file, or a compacted file of this night alone
            }
        }
        return out;
    }

    /** Compacted files of {@code table} whose rows are of several nights, {@code runDate} among them. */
    static List<Path> holdingOthers(FileSystem fs, Path target, TableSchema table, LocalDate runDate,
            java.util.Set<String> where) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : glob(fs, target, table, "part-c*", where)) {
            LocalDate[] range = Compaction.runDatesOf(p.getName());
            if (range != null && range[0] != null && !range[0].equals(range[1]) && !runDate.isBefore(range[0])
                    && !runDate.isAfter(range[1])) {
                out.add(p);
            }
        }
        return out;
    }

    /** Files named {@code name} (a glob) in the folders {@code where} of the table (null: every folder). */
    private static List<Path> glob(FileSystem fs, Path target, TableSchema table, String name,
            java.util.Set<String> where) throws IOException {
        List<Path> patterns = new ArrayList<>();
        if (table.partitionColumn() == null) {
            patterns.add(new Path(target, name));
        } else if (where == null) {
            patterns.add(new Path(target, table.partitionColumn() + "=*/" + name));
        } else {
            for (String folder : where) {
                if (!folder.equals(ROOT)) {
                    patterns.add(new Path(new Path(target, folder), name));
                }
            }
        }
        List<Path> out = new ArrayList<>();
        for (Path pattern : patterns) {
            FileStatus[] found = fs.globStatus(pattern);
            if (found != null) {
                for (FileStatus s : found) {
                    out.add(s.getPath());
                }
            }
        }
        return out;
    }

    private static String relativeDir(Path root, Path file) {
        String r = root.toUri().getPath();
        String d = file.getParent().toUri().getPath();
        return d.length() <= r.length() ? "" : d.substring(r.length() + 1);
    }

    /**
     * Replaces a whole folder (a table that each run recomputes, such as the statistics) by a staged one: the old
     * folder is renamed aside, the new one renamed into place, then the old one deleted. Readers see the old or the
     * new table, except for the instant between the two renames.
     */
    public static void replace(Configuration conf, String staged, String target) {
        try {
            Path t = new Path(target);
            FileSystem fs = t.getFileSystem(conf);
            Path old = new Path(target + ".old-" + System.currentTimeMillis());
            fs.mkdirs(t.getParent());
            boolean had = fs.exists(t);
            if (had && !fs.rename(t, old)) {
                throw new IOException("cannot move " + t + " aside");
            }
            if (!fs.rename(new Path(staged), t)) {
                throw new IOException("cannot rename " + staged + " to " + t);
            }
            if (had) {
                fs.delete(old, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a run's staging folder, and {@code <output>/_staging} itself once nothing else is staged there. */
    public static void deleteStaging(Configuration conf, String output, String staging) {
        try {
            Path p = new Path(staging);
            FileSystem fs = p.getFileSystem(conf);
            fs.delete(p, true);
            Path parent = new Path(output, "_staging");
            if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
                fs.delete(parent, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
