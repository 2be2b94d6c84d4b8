package io.newsetl.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The nights that have committed files into an output, one small file per year ({@code <output>/_nights/2022.txt},
 * a date per line), so that a night tells its first run from a rerun without listing every partition of every
 * table: a first run has no earlier files to replace and no compacted file can hold its rows. The listing it saves
 * grows with the history's partitions (thousands of folders per table after a few years; on S3 a request each).
 *
 * <p>A night is recorded before its first file is renamed in; a crash after that leaves it recorded, which only
 * makes its next run list (as every run did before). An output written before the registry existed is listed once,
 * every table's file names read for their nights, and the marker {@code _nights/_complete} written after: until
 * then every night counts as a possible rerun.
 *
 * <pre>{@code
 * boolean rerun = NightRegistry.mayHaveFiles(conf, "/warehouse/news", LocalDate.parse("2018-05-30"));
 * NightRegistry.record(conf, "/warehouse/news", LocalDate.parse("2018-05-30"));   // before the first rename
 * }</pre>
 */
public final class NightRegistry {

    /** The registry's folder under the output. */
    public static final String FOLDER = "_nights";
    private static final String COMPLETE = "_complete";

    private NightRegistry() {
    }

    /** Whether files of {@code night} may be in the output (recorded, or the registry not yet filled). */
    public static boolean mayHaveFiles(Configuration conf, String output, LocalDate night) {
        try {
            Path root = new Path(output, FOLDER);
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(new Path(root, COMPLETE))) {
                fill(fs, output);
            }
            return read(fs, yearFile(root, night.getYear())).contains(night.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the nights registry of " + output + ": " + e.getMessage(), e);
        }
    }

    /** Records {@code night} (before any of its files is renamed in; a no-op when it is recorded). */
    public static void record(Configuration conf, String output, LocalDate night) {
        try {
            Path root = new Path(output, FOLDER);
            FileSystem fs = root.getFileSystem(conf);
            Path year = yearFile(root, night.getYear());
            SortedSet<String> nights = read(fs, year);
            if (nights.add(night.toString())) {
                write(fs, year, nights);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record night " + night + " in the nights registry of " + output
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fills the registry of an output written before it: every night named by a file of the tables (a night's own
     * {@code part-r<YYYYMMDD>} files; every date of a compacted file's run-date range), then the marker.
     */
    private static void fill(FileSystem fs, String output) throws IOException {
        java.util.Map<Integer, SortedSet<String>> byYear = new java.util.TreeMap<>();
        for (TableSchema t : TableSchemas.all()) {
            Path dir = new Path(output, t.name());
            if (!fs.exists(dir)) {
                continue;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                String name = it.next().getPath().getName();
                for (LocalDate d : nightsOf(name)) {
                    byYear.computeIfAbsent(d.getYear(), y -> new TreeSet<>()).add(d.toString());
                }
            }
        }
        Path root = new Path(output, FOLDER);
        for (var e : byYear.entrySet()) {
            Path year = yearFile(root, e.getKey());
            SortedSet<String> nights = read(fs, year);
            nights.addAll(e.getValue());
            write(fs, year, nights);
        }
        fs.create(new Path(root, COMPLETE), true).close();
    }

    /** The nights whose rows a committed file may hold, by its name; none for a file of another kind. */
    static List<LocalDate> nightsOf(String fileName) {
        if (fileName.startsWith("part-r") && fileName.length() >= 14) {
            try {
                return List.of(LocalDate.parse(fileName.substring(6, 10) + "-" + fileName.substring(10, 12) + "-"
                        + fileName.substring(12, 14)));
            } catch (java.time.format.DateTimeParseException e) {
                return List.of();
            }
        }
        LocalDate[] range = Compaction.runDatesOf(fileName);
        if (range == null || range[0] == null || range[1] == null) {
            return List.of();
        }
        return range[0].datesUntil(range[1].plusDays(1)).toList();
    }

    private static Path yearFile(Path root, int year) {
        return new Path(root, year + ".txt");
    }

    /** The nights of a year file and of its aside copy (a write that died between its delete and rename). */
    private static SortedSet<String> read(FileSystem fs, Path file) throws IOException {
        SortedSet<String> out = new TreeSet<>();
        for (Path p : List.of(file, aside(file))) {
            if (fs.exists(p)) {
                try (var in = fs.open(p)) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                            .filter(l -> !l.isEmpty()).forEach(out::add);
                }
            }
        }
        return out;
    }

    private static Path aside(Path file) {
        return new Path(file.getParent(), "." + file.getName() + ".tmp");
    }

    /**
     * Written aside in full, then renamed in place of the old file; until the rename the aside copy holds every
     * night of the old one too, and {@link #read} reads both: no crash loses a recorded night.
     */
    private static void write(FileSystem fs, Path file, SortedSet<String> nights) throws IOException {
        Path tmp = aside(file);
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write((String.join("\n", nights) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(file, false);
        if (!fs.rename(tmp, file)) {
            throw new IOException("cannot rename " + tmp + " to " + file);
        }
    }
}
