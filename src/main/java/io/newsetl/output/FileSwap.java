package io.newsetl.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces table files by rewritten ones so that a crash at any point loses no row: the commit object of
 * {@code compact} and of a rerun that rewrites compacted files. Three steps:
 * <ol>
 *   <li>{@link #add}: each new file is moved from staging into its partition folder under a hidden name
 *       ({@code .<name>.pending}; readers skip names starting with a dot), after a prepare entry naming it.</li>
 *   <li>{@link #commit}: the swap journal ({@code <output>/_swaps/<id>.swap}: files to delete, pending files to
 *       rename) is written and renamed into place, atomically; from then on the swap is decided. Then the old files
 *       are deleted and the pending ones renamed to their names, and the journals removed.</li>
 *   <li>{@link #recover}, under the run lock before anything else: a decided swap that did not finish is finished
 *       (each step is idempotent); an undecided one has its pending files removed, and the old files stand.</li>
 * </ol>
 * Readers see the old files or the new ones; within one partition, for the milliseconds between the delete and the
 * rename, its rows may be missing, never doubled (as in a night's commit).
 *
 * <pre>{@code
 * FileSwap swap = FileSwap.begin(conf, "/warehouse/news", "compact-20181231");
 * swap.add(new org.apache.hadoop.fs.Path("/warehouse/news/_staging/compact/articles/pub_date=2018-05-30/part-00000.zstd.parquet"),
 *         new org.apache.hadoop.fs.Path("/warehouse/news/articles/pub_date=2018-05-30/part-c20180530-20180601-00000.zstd.parquet"));
 * swap.delete(new org.apache.hadoop.fs.Path("/warehouse/news/articles/pub_date=2018-05-30/part-r20180530-00000.zstd.parquet"));
 * swap.commit();
 * }</pre>
 */
public final class FileSwap {

    private static final Logger LOG = LoggerFactory.getLogger(FileSwap.class);
    private static final String DIR = "_swaps";

    private final FileSystem fs;
    private final Path journals;
    private final String id;
    private final List<Path> deletes = new ArrayList<>();
    private final List<Path[]> renames = new ArrayList<>();   // {pending, final}

    private FileSwap(FileSystem fs, Path journals, String id) {
        this.fs = fs;
        this.journals = journals;
        this.id = id;
    }

    /** Starts a swap under {@code output}; {@code id} names its journals (unique among unfinished swaps). */
    public static FileSwap begin(Configuration conf, String output, String id) {
        try {
            Path dir = new Path(output, DIR);
            FileSystem fs = dir.getFileSystem(conf);
            fs.mkdirs(dir);
            return new FileSwap(fs, dir, id);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start swap " + id + " under " + output + ": " + e.getMessage(), e);
        }
    }

    /** Moves {@code staged} next to {@code target} under a hidden name; it takes {@code target}'s name on commit. */
    public void add(Path staged, Path target) {
        try {
            Path pending = pendingOf(target);
            // One small closed file per entry, written before the move: whatever a crash leaves, the pending
            // files that exist are named by a complete entry.
            try (FSDataOutputStream out = fs.create(new Path(journals, id + ".prepare." + renames.size()), true)) {
                out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
            }
            fs.mkdirs(target.getParent());
            if (!fs.rename(staged, pending)) {
                throw new IOException("cannot move " + staged + " to " + pending);
            }
            renames.add(new Path[] {pending, target});
        } catch (IOException e) {
            throw new UncheckedIOException("Swap " + id + ": " + e.getMessage(), e);
        }
    }

    /** A file to delete on commit. */
    public void delete(Path old) {
        deletes.add(old);
    }

    /** Decides the swap (its journal lands atomically), then carries it out. */
    public void commit() {
        try {
            finish(fs, decide());
        } catch (IOException e) {
            throw new UncheckedIOException("Swap " + id + " failed: " + e.getMessage()
                    + " (the next run or compact finishes or undoes it)", e);
        }
    }

    /** Writes the swap journal and renames it into place: from here on {@link #recover} finishes the swap. */
    Path decide() throws IOException {
        StringBuilder b = new StringBuilder();
        deletes.forEach(p -> b.append("D\t").append(p).append('\n'));
        renames.forEach(r -> b.append("R\t").append(r[0]).append('\t').append(r[1]).append('\n'));
        Path tmp = new Path(journals, "." + id + ".swap.tmp");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        Path swap = new Path(journals, id + ".swap");
        if (!fs.rename(tmp, swap)) {
            throw new IOException("cannot rename " + tmp + " to " + swap);
        }
        return swap;
    }

    /** Leaves the swap undecided (as a crash before the decision would). */
    void abandon() {
        renames.clear();
    }

    /**
     * Finishes every decided swap under {@code output} and undoes every undecided one. Call with the run lock held,
     * before the run or compaction touches a table.
     */
    public static void recover(Configuration conf, String output) {
        try {
            Path dir = new Path(output, DIR);
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                return;
            }
            for (FileStatus s : fs.listStatus(dir)) {
                String name = s.getPath().getName();
                if (name.endsWith(".swap")) {
                    LOG.warn("Finishing swap {} left by a run or compaction that did not finish", name);
                    finish(fs, s.getPath());
                }
            }
            for (FileStatus s : fs.exists(dir) ? fs.listStatus(dir) : new FileStatus[0]) {
                String name = s.getPath().getName();
                if (name.contains(".prepare.")) {
                    // A swap that was not decided: its pending file goes (hidden, never read), the old files stand.
                    try {
                        List<String> entry = read(fs, s.getPath());
                        if (!entry.isEmpty()) {
                            fs.delete(new Path(entry.get(0)), false);
                        }
                    } catch (IOException unreadable) {
                        // Cut short by a crash before its file was moved: nothing to undo.
                        LOG.warn("Ignoring the unreadable swap entry {}: {}", name, unreadable.getMessage());
                    }
                    fs.delete(s.getPath(), false);
                } else if (name.endsWith(".tmp")) {
                    fs.delete(s.getPath(), false);
                }
            }
            if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
                fs.delete(dir, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot recover the swaps under " + output + ": " + e.getMessage(), e);
        }
    }

    private static void finish(FileSystem fs, Path swap) throws IOException {
        List<String> lines = read(fs, swap);
        java.util.Set<String> targets = new java.util.HashSet<>();
        lines.stream().map(l -> l.split("\t")).filter(f -> f[0].equals("R")).forEach(f -> targets.add(f[2]));
        for (String line : lines) {
            String[] f = line.split("\t");
            // A target is never deleted, even when a finished swap is finished again.
            if (f[0].equals("D") && !targets.contains(f[1])) {
                Path old = new Path(f[1]);
                fs.delete(old, false);
                fs.delete(new Path(old.getParent(), "." + old.getName() + ".crc"), false);
            }
        }
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f[0].equals("R") && fs.exists(new Path(f[1]))) {
                if (!fs.rename(new Path(f[1]), new Path(f[2]))) {
                    throw new IOException("cannot rename " + f[1] + " to " + f[2]);
                }
            }
        }
        String base = swap.getName().substring(0, swap.getName().length() - ".swap".length());
        for (FileStatus entry : fs.listStatus(swap.getParent())) {
            if (entry.getPath().getName().startsWith(base + ".prepare.")) {
                fs.delete(entry.getPath(), false);
            }
        }
        fs.delete(swap, false);
        Path dir = swap.getParent();
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
            fs.delete(dir, false);
        }
    }

    private static List<String> read(FileSystem fs, Path p) throws IOException {
        try (var in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Path pendingOf(Path target) {
        return new Path(target.getParent(), "." + target.getName() + ".pending");
    }
}
