package io.newsetl.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The nights that have committed files into an output, and the partitions of each table they wrote, one small file
 * per year ({@code <output>/_nights/2022.txt}, a line per night:
 * {@code 2022-06-01 articles=pub_date=2022-05-31,pub_date=2022-06-01 dedup_keys=kind=body,...}). A night tells its
 * first run from a rerun without listing every partition of every table (a first run has no earlier files to
 * replace and no compacted file can hold its rows), and a rerun looks for its earlier files only in the partitions
 * it wrote (compaction keeps rows in their partition). The listing it saves grows with the history's partitions
 * (thousands of folders per table after a few years; on S3 a request each).
 *
 * <p>A night is recorded before its first file is renamed in, with the partitions it is about to write added to
 * those it had: a crash after that leaves a superset recorded, never less. A line with a date alone (a registry of
 * an earlier build) means "anywhere": that night's rerun lists every partition. An output written before the
 * registry knew partitions is listed once, every table's files read for their nights and folders, and the marker
 * {@code _nights/_complete-2} written after: until then every night counts as a possible rerun.
 *
 * <pre>{@code
 * NightRegistry.Night previous = NightRegistry.night(conf, "/warehouse/news", LocalDate.parse("2018-05-30"));
 * boolean rerun = previous != null;
 * java.util.SortedSet<String> where = rerun ? previous.partitions("articles") : null;   // null: every partition
 * NightRegistry.record(conf, "/warehouse/news", LocalDate.parse("2018-05-30"),       // before the first rename
 *         java.util.Map.of("articles", new TreeSet<>(List.of("pub_date=2018-05-29"))));
 * }</pre>
 */
public final class NightRegistry {

    /** The registry's folder under the output. */
    public static final String FOLDER = "_nights";
    /** Written once the registry holds every night of the output with its partitions. */
    private static final String COMPLETE = "_complete-2";

    private NightRegistry() {
    }

    /**
     * A recorded night: per table, the partition folders ({@code pub_date=2018-05-29}) its files may be in; null
     * when not known (a night recorded by an earlier build: anywhere). A table it never wrote has none.
     */
    public record Night(SortedMap<String, SortedSet<String>> tables) {

        /** Folders of {@code table} that may hold the night's files; null: any folder. */
        public SortedSet<String> partitions(String table) {
            return tables == null ? null : tables.getOrDefault(table, new TreeSet<>());
        }

        /** Both records of a night together: unknown folders (anywhere) win. */
        Night union(Night other) {
            return other.tables == null ? other : with(other.tables);
        }

        /** This night's folders together with {@code more} (unknown stays unknown). */
        Night with(Map<String, SortedSet<String>> more) {
            if (tables == null) {
                return this;
            }
            SortedMap<String, SortedSet<String>> all = new TreeMap<>();
            tables.forEach((t, p) -> all.put(t, new TreeSet<>(p)));
            more.forEach((t, p) -> all.computeIfAbsent(t, k -> new TreeSet<>()).addAll(p));
            return new Night(all);
        }
    }

    /** Whether files of {@code night} may be in the output (recorded, or the registry not yet filled). */
    public static boolean mayHaveFiles(Configuration conf, String output, LocalDate night) {
        return night(conf, output, night) != null;
    }

    /** What the registry knows of {@code night}; null when the output holds none of its files. */
    public static Night night(Configuration conf, String output, LocalDate night) {
        try {
            Path root = new Path(output, FOLDER);
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(new Path(root, COMPLETE))) {
                fill(fs, output);
            }
            return read(fs, yearFile(root, night.getYear())).get(night.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the nights registry of " + output + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code night} with the partition folders per table it is about to write, added to those recorded
     * (before any of its files is renamed in; a no-op when nothing is new). Returns what is now recorded.
     */
    public static Night record(Configuration conf, String output, LocalDate night,
            Map<String, ? extends java.util.Collection<String>> partitions) {
        try {
            Path root = new Path(output, FOLDER);
            FileSystem fs = root.getFileSystem(conf);
            Path year = yearFile(root, night.getYear());
            SortedMap<String, Night> nights = read(fs, year);
            Map<String, SortedSet<String>> more = new TreeMap<>();
            partitions.forEach((t, p) -> more.put(t, new TreeSet<>(p)));
            Night before = nights.get(night.toString());
            Night after = before == null ? new Night(new TreeMap<>()).with(more) : before.with(more);
            if (!after.equals(before)) {
                nights.put(night.toString(), after);
                write(fs, year, nights);
            }
            return after;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record night " + night + " in the nights registry of " + output
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fills the registry of an output written before it knew partitions: every night named by a file of the tables
     * (a night's own {@code part-r<YYYYMMDD>} files; every date of a compacted file's run-date range) with the
     * folders of those files, in place of what was recorded of it; then the marker. A night recorded without a file
     * left (its run died before the first rename) keeps no folder.
     */
    private static void fill(FileSystem fs, String output) throws IOException {
        Map<Integer, SortedMap<String, Night>> byYear = new TreeMap<>();
        Path root = new Path(output, FOLDER);
        if (fs.exists(root)) {
            for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(root)) {
                String name = f.getPath().getName();
                if (name.matches("\\d{4}\\.txt")) {
                    SortedMap<String, Night> nights = new TreeMap<>();
                    read(fs, f.getPath()).keySet().forEach(n -> nights.put(n, new Night(new TreeMap<>())));
                    byYear.put(Integer.parseInt(name.substring(0, 4)), nights);
                }
            }
        }
        for (TableSchema t : TableSchemas.all()) {
            Path dir = fs.makeQualified(new Path(output, t.name()));
            if (!fs.exists(dir)) {
                continue;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                Path file = it.next().getPath();
                String folder = file.getParent().equals(dir) ? TableWriter.ROOT : file.getParent().getName();
                for (LocalDate d : nightsOf(file.getName())) {
                    SortedMap<String, Night> nights = byYear.computeIfAbsent(d.getYear(), y -> new TreeMap<>());
                    nights.computeIfAbsent(d.toString(), k -> new Night(new TreeMap<>())).tables()
                            .computeIfAbsent(t.name(), k -> new TreeSet<>()).add(folder);
                }
            }
        }
        for (var e : byYear.entrySet()) {
            write(fs, yearFile(root, e.getKey()), e.getValue());
        }
        fs.create(new Path(root, COMPLETE), true).close();
    }

    /**
     * Whether a committed file may hold rows of {@code night}, by its name: a night's own file holds its night's, a
     * compacted one those of its run-date range, and a file whose name names no night may hold any.
     */
    public static boolean mayHold(String fileName, LocalDate night) {
        if (fileName.startsWith("part-r")) {
            List<LocalDate> own = nightsOf(fileName);
            return own.isEmpty() || own.contains(night);
        }
        LocalDate[] range;
        try {
            range = Compaction.runDatesOf(fileName);
        } catch (java.time.DateTimeException e) {
            return true;   // digits that are no date: a name to distrust, not to fail on
        }
        if (range == null || range[0] == null || range[1] == null || range[0].isAfter(range[1])) {
            return true;
        }
        return !night.isBefore(range[0]) && !night.isAfter(range[1]);
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

    /**
     * The nights of a year file and of its aside copy (a write that died between its delete and rename), the
     * folders of a night in both together.
     */
    private static SortedMap<String, Night> read(FileSystem fs, Path file) throws IOException {
        SortedMap<String, Night> out = new TreeMap<>();
        for (Path p : List.of(file, aside(file))) {
            if (fs.exists(p)) {
                try (var in = fs.open(p)) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                            .filter(l -> !l.isEmpty()).forEach(l -> {
                                Map.Entry<String, Night> e = parse(l);
                                out.merge(e.getKey(), e.getValue(), Night::union);
                            });
                }
            }
        }
        return out;
    }

    /** {@code 2022-06-01 articles=pub_date=2022-05-31,pub_date=2022-06-01 runs=}; a date alone: folders unknown. */
    static Map.Entry<String, Night> parse(String line) {
        String[] fields = line.split(" ");
        if (fields.length == 1) {
            return Map.entry(fields[0], new Night(null));
        }
        SortedMap<String, SortedSet<String>> tables = new TreeMap<>();
        for (int i = 1; i < fields.length; i++) {
            int eq = fields[i].indexOf('=');
            SortedSet<String> folders = new TreeSet<>();
            for (String f : fields[i].substring(eq + 1).split(",")) {
                if (!f.isEmpty()) {
                    folders.add(f);
                }
            }
            tables.put(fields[i].substring(0, eq), folders);
        }
        return Map.entry(fields[0], new Night(tables));
    }

    /** The line of {@link #parse}; the date alone (anywhere) when a folder name holds a separator. */
    static String format(String night, Night n) {
        StringBuilder line = new StringBuilder(night);
        boolean plain = n.tables() != null && n.tables().entrySet().stream().allMatch(e -> e.getKey().matches("\\w+")
                && e.getValue().stream().noneMatch(f -> f.isEmpty() || f.contains(" ") || f.contains(",")));
        if (plain) {
            n.tables().forEach((t, folders) -> line.append(' ').append(t).append('=')
                    .append(String.join(",", folders)));
        }
        return line.toString();
    }

    private static Path aside(Path file) {
        return new Path(file.getParent(), "." + file.getName() + ".tmp");
    }

    /**
     * Written aside in full, then renamed in place of the old file; until the rename the aside copy holds every
     * night of the old one too, and {@link #read} reads both: no crash loses a recorded night.
     */
    private static void write(FileSystem fs, Path file, SortedMap<String, Night> nights) throws IOException {
        Path tmp = aside(file);
        StringBuilder text = new StringBuilder();
        nights.forEach((night, n) -> text.append(format(night, n)).append('\n'));
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(file, false);
        if (!fs.rename(tmp, file)) {
            throw new IOException("cannot rename " + tmp + " to " + file);
        }
    }
}
