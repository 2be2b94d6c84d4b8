package io.newsetl.bench;

import io.newsetl.config.ConfigLoader;
import io.newsetl.config.JobConfig;
import io.newsetl.output.Compaction;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.pipeline.NightlyJob;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What a night costs with years of history behind it: one generated corpus of {@code history + night} files,
 * the first {@code history} committed as nights of at most {@code batch} files (entities and statistics on) and
 * compacted, then the same night of the last {@code night} files (with 1% of it exact copies of history articles,
 * so that the lookup has something to find) timed on an empty output and on a copy of the history (hard links),
 * interleaved, each run in a fresh JVM and each the night's first run; medians of {@code runs}. Then the night's rows are checked against the generator's truth and
 * against the same night deciding by scan ({@code dedup.history = scan}).
 *
 * <p>The last line reads {@code bench-history history= night= total= dedup= stats= dup_precision= dup_recall=
 * same_rows_as_scan= max_files_per_partition=}, the ratios being history over empty.
 */
public final class HistoryBench {

    private static final LocalDate FIRST_NIGHT = LocalDate.of(2022, 1, 1);
    /** The timed night: after every history night, after every generated pub_date. */
    private static final LocalDate NIGHT = LocalDate.of(2022, 6, 1);
    private static final List<String> STAGES = List.of("list", "read_parse", "dedup", "entities", "write", "check",
            "commit", "stats");

    /** Bumped whenever {@link #upgrade} has a new layout to bring an older history to. */
    private static final int LAYOUT = 16;

    private final SparkSession spark;
    private final PrintStream out;

    public HistoryBench(SparkSession spark, PrintStream out) {
        this.spark = spark;
        this.out = out;
    }

    public void run(Path workdir, int history, int night, int batch, int runs, long seed) throws Exception {
        Path root = workdir.resolve("history-" + history + "-" + night);
        if (!Files.exists(root.resolve("truth.tsv"))) {
            long t0 = System.nanoTime();
            new CorpusGenerator(CorpusGenerator.Rates.defaults(), seed).generate(root, history + night);
            out.printf("generated %,d files in %.1f s%n", history + night, (System.nanoTime() - t0) / 1e9);
        }
        Map<String, String[]> truth = truth(root.resolve("truth.tsv"));
        List<Path> files;
        try (Stream<Path> s = Files.walk(root.resolve("corpus"))) {
            files = s.filter(Files::isRegularFile).sorted((a, b) -> a.getFileName().toString()
                    .compareTo(b.getFileName().toString())).toList();
        }
        Path manifests = Files.createDirectories(root.resolve("manifests"));
        // The night: its generated files, then copies of history articles (each expected to be an exact duplicate).
        int copies = Math.max(1, night / 100);
        List<String> tonight = new ArrayList<>();
        files.subList(history, history + night - copies).forEach(p -> tonight.add(p.toAbsolutePath().toString()));
        Path copyDir = Files.createDirectories(root.resolve("copies"));
        Set<String> copied = new TreeSet<>();
        int stride = Math.max(1, history / copies);
        for (int i = 0; copied.size() < copies && i < history; ) {
            Path f = files.get(i);
            String rel = root.resolve("corpus").relativize(f).toString();
            boolean article = truth.containsKey(rel) && truth.get(rel)[0].equals("articles");
            if (article) {
                Path c = copyDir.resolve("copy-" + f.getFileName());
                Files.copy(f, c, StandardCopyOption.REPLACE_EXISTING);
                copied.add(c.toAbsolutePath().toString());
            }
            i += article ? stride : 1;   // the next article after a file that is not one
        }
        tonight.addAll(copied);
        Path nightManifest = manifests.resolve("night.txt");
        Files.write(nightManifest, tonight);

        Path historyOut = root.resolve("out-history");
        buildHistory(historyOut, files.subList(0, history), batch, manifests);

        out.printf("%nthe night: %,d files (%,d of them copies of history articles), run date %s; %d runs each, "
                + "interleaved, each in a fresh JVM%n", tonight.size(), copied.size(), NIGHT, runs);
        List<Map<String, Double>> empty = new ArrayList<>();
        List<Map<String, Double>> full = new ArrayList<>();
        // Each timed night runs on a fresh copy of the history (hard links: the Parquet files are never changed in
        // place), so that every run is the night's first, as the next night of a real output is.
        Path nightOut = root.resolve("out-night");
        for (int r = 0; r < runs; r++) {
            Path emptyOut = root.resolve("out-empty");
            Benchmark.deleteRecursively(emptyOut);
            empty.add(timedNight(nightManifest, emptyOut, Map.of(), root.resolve("empty-" + r + ".log")));
            linkCopy(historyOut, nightOut);
            full.add(timedNight(nightManifest, nightOut, Map.of(), root.resolve("history-" + r + ".log")));
            out.printf("run %d: empty %.1f s, history %.1f s (stages)%n", r + 1, empty.get(r).get("total"),
                    full.get(r).get("total"));
        }
        Map<String, Double> e = medians(empty);
        Map<String, Double> h = medians(full);
        out.printf("%n%-12s %10s %10s %8s%n", "median (s)", "empty", "history", "ratio");
        for (String k : e.keySet()) {
            out.printf(Locale.ROOT, "%-12s %10.2f %10.2f %8.3f%n", k, e.get(k), h.get(k), ratio(h.get(k), e.get(k)));
        }

        // Correctness: the night's rows against the truth, and against the same night deciding by scan.
        double[] q = checkTruth(nightOut, root, truth, copied);
        List<String> byLookup = nightRows(nightOut);
        Path scanOut = root.resolve("out-scan");
        linkCopy(historyOut, scanOut);
        Map<String, Double> scan = timedNight(nightManifest, scanOut, Map.of("dedup.history", "scan"),
                root.resolve("scan.log"));
        boolean same = byLookup.equals(nightRows(scanOut));
        Benchmark.deleteRecursively(scanOut);
        out.printf(Locale.ROOT, "%nthe night on the history: duplicates precision %.4f recall %.4f (copies of history "
                        + "articles found: %.0f of %d); same rows as dedup.history = scan: %s (scan: dedup %.2f s)%n",
                q[0], q[1], q[2], copied.size(), same, scan.get("dedup"));
        // The history after its maintenance and one more night, as a nightly output is left.
        int maxFiles = maxFilesPerPartition(nightOut);
        out.printf(Locale.ROOT, "bench-history history=%d night=%d total=%.3f dedup=%.3f stats=%.3f wall=%.3f "
                        + "dup_precision=%.4f dup_recall=%.4f same_rows_as_scan=%s max_files_per_partition=%d%n",
                history, tonight.size(), ratio(h.get("total"), e.get("total")), ratio(h.get("dedup"), e.get("dedup")),
                ratio(h.get("stats"), e.get("stats")), ratio(h.get("wall"), e.get("wall")), q[0], q[1], same, maxFiles);
    }

    /**
     * A copy of an output for one timed night: folders made, Parquet files hard-linked (a night never changes one
     * in place: it writes new files and deletes old ones), every other file copied.
     */
    static void linkCopy(Path from, Path to) throws IOException {
        Benchmark.deleteRecursively(to);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (p.getFileName().toString().endsWith(".parquet")) {
                    Files.createLink(t, p);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    /** The history's nights (once per corpus), then compact, as its maintenance would. */
    private void buildHistory(Path output, List<Path> files, int batch, Path manifests) throws Exception {
        int nights = (files.size() + batch - 1) / batch;
        if (Files.exists(output.resolve("runs")) && spark.read().parquet(output.resolve("runs").toString())
                .where(functions.col("run_date").lt(functions.lit(java.sql.Date.valueOf(NIGHT)))).count() == nights) {
            out.println("reusing the history in " + output);
            // A history of an earlier build: its nights registry filled once here, as its first night would.
            io.newsetl.output.NightRegistry.mayHaveFiles(spark.sparkContext().hadoopConfiguration(), output.toString(),
                    NIGHT);
            upgrade(output);
            return;
        }
        Benchmark.deleteRecursively(output);
        long t0 = System.nanoTime();
        for (int n = 0; n < nights; n++) {
            Path manifest = manifests.resolve("history-" + n + ".txt");
            Files.write(manifest, files.subList(n * batch, Math.min(files.size(), (n + 1) * batch)).stream()
                    .map(p -> p.toAbsolutePath().toString()).toList());
            long n0 = System.nanoTime();
            NightlyJob.run(spark, config(output, "@" + manifest, FIRST_NIGHT.plusDays(n), Map.of()));
            out.printf("history night %d of %d: %.1f s%n", n + 1, nights, (System.nanoTime() - n0) / 1e9);
        }
        long c0 = System.nanoTime();
        Compaction.Result c = Compaction.runLocked(spark, config(output, null, FIRST_NIGHT, Map.of()),
                TableSchemas.all(), null, null);
        out.printf("history of %,d files in %d nights: %.1f s; compact: %d files to %d in %.1f s%n", files.size(), nights,
                (c0 - t0) / 1e9, c.filesBefore(), c.filesAfter(), (System.nanoTime() - c0) / 1e9);
        // Written in this build's layouts: the next bench that reuses it has nothing to upgrade.
        Files.createFile(layoutMarker(output));
    }

    /** Present once a history is in this build's layouts ({@link #LAYOUT}). */
    private static Path layoutMarker(Path output) {
        return output.resolve("_bench-layout-" + LAYOUT);
    }

    /**
     * A history of an earlier build brought to this build's layouts once, as the maintenance after an upgrade
     * would (operations.md): {@code dedup_keys} filled again in its current layout if it was in an earlier one (what
     * a night would do first, {@link io.newsetl.pipeline.DedupKeysFill}), then rewritten in its small pages and row
     * groups, uncompressed, each with a Bloom filter ({@code compact --rewrite}), the statistics' aggregates rebuilt
     * in their yearly files.
     * Without it every timed night would pay for both.
     */
    private void upgrade(Path output) throws IOException {
        Path marker = layoutMarker(output);
        if (Files.exists(marker)) {
            return;
        }
        long t0 = System.nanoTime();
        io.newsetl.pipeline.DedupKeysFill.fill(spark, config(output, null, NIGHT, Map.of()));
        Compaction.Result c = Compaction.runLocked(spark, config(output, null, FIRST_NIGHT, Map.of()),
                List.of(TableSchemas.DEDUP_KEYS), null, null, true);
        io.newsetl.stats.DateAggregates.rebuild(spark, output.toString(),
                io.newsetl.stats.DateAggregates.compute(spark, output.toString()));
        Files.createFile(marker);
        out.printf("history upgraded to this build's layouts (dedup_keys %d -> %d files, statistics aggregates "
                + "rebuilt) in %.1f s%n", c.filesBefore(), c.filesAfter(), (System.nanoTime() - t0) / 1e9);
    }

    private static JobConfig config(Path output, String input, LocalDate runDate, Map<String, String> sets) {
        Map<String, String> m = new LinkedHashMap<>(Map.of("output", output.toString(), "run-date", runDate.toString(),
                "catalog.enabled", "false"));
        if (input != null) {
            m.put("input", input);
        }
        m.putAll(sets);
        return ConfigLoader.load(null, m);
    }

    /**
     * The night in a fresh JVM (this one's classpath and options): its stage seconds from its runs row, their sum
     * ({@code total}) and the process's wall time ({@code wall}, JVM and Spark start included).
     */
    private Map<String, Double> timedNight(Path manifest, Path output, Map<String, String> sets, Path log)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.newsetl.cli.NewsEtl", "run",
                "--set", "input=@" + manifest, "--output", output.toString(), "--run-date", NIGHT.toString(),
                "--set", "catalog.enabled=false", "--set", "spark.master=" + spark.sparkContext().master()));
        sets.forEach((k, v) -> cmd.addAll(List.of("--set", k + "=" + v)));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("The timed night failed (exit " + code + "); see " + log);
        }
        Row run = spark.read().parquet(output.resolve("runs").toString())
                .where(functions.col("run_date").equalTo(functions.lit(java.sql.Date.valueOf(NIGHT))))
                .orderBy(functions.col("finished_at").desc()).first();
        Map<String, Double> stages = new LinkedHashMap<>();
        scala.collection.Map<String, Double> seconds = run.getMap(run.fieldIndex("stage_seconds"));
        double total = 0;
        for (String s : STAGES) {
            double v = seconds.contains(s) ? seconds.apply(s) : 0.0;
            stages.put(s, v);
            total += v;
        }
        stages.put("total", total);
        stages.put("wall", wall);
        return stages;
    }

    private static Map<String, Double> medians(List<Map<String, Double>> runs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : runs.get(0).keySet()) {
            double[] v = runs.stream().mapToDouble(m -> m.get(k)).sorted().toArray();
            out.put(k, v[v.length / 2]);
        }
        return out;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 1.0 : a / b;
    }

    /** file (relative to the corpus) → table, reason. */
    private static Map<String, String[]> truth(Path file) throws IOException {
        Map<String, String[]> out = new HashMap<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.skip(1).forEach(l -> {
                String[] f = l.split("\t", -1);
                out.put(f[0], new String[] {f[1], f[3]});
            });
        }
        return out;
    }

    /** Precision and recall of the night's duplicates, and how many of the copies were found. */
    private double[] checkTruth(Path output, Path root, Map<String, String[]> truth, Set<String> copied) {
        String corpus = "file:" + root.resolve("corpus").toAbsolutePath() + "/";
        Column night = functions.col("run_date").equalTo(functions.lit(java.sql.Date.valueOf(NIGHT)));
        Set<String> dups = new TreeSet<>(TableWriter.read(spark, output.toString(), TableSchemas.DUPLICATES).where(night)
                .select("source_path").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        Set<String> expected = new TreeSet<>();
        for (String c : copied) {
            expected.add("file:" + c);
        }
        List<String> paths = new ArrayList<>();
        paths.addAll(TableWriter.read(spark, output.toString(), TableSchemas.ARTICLES).where(night)
                .select("source_path").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        paths.addAll(dups);
        for (String p : paths) {
            if (p.startsWith(corpus) && truth.getOrDefault(p.substring(corpus.length()), new String[] {""})[0]
                    .equals("duplicates")) {
                expected.add(p);
            }
        }
        long both = dups.stream().filter(expected::contains).count();
        long copiesFound = copied.stream().filter(c -> dups.contains("file:" + c)).count();
        return new double[] {dups.isEmpty() ? 1.0 : (double) both / dups.size(),
                expected.isEmpty() ? 1.0 : (double) both / expected.size(), copiesFound};
    }

    /** The night's rows of the tables dedup decides, as sorted strings. */
    private List<String> nightRows(Path output) {
        Column night = functions.col("run_date").equalTo(functions.lit(java.sql.Date.valueOf(NIGHT)));
        List<String> out = new ArrayList<>();
        Map<String, org.apache.spark.sql.Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put("articles", TableWriter.read(spark, output.toString(), TableSchemas.ARTICLES).where(night)
                .select("article_id", "body_hash", "paragraph_hashes", "boilerplate_removed"));
        tables.put("duplicates", TableWriter.read(spark, output.toString(), TableSchemas.DUPLICATES).where(night)
                .select("duplicate_id", "duplicate_of", "duplicate_kind", "contained_share"));
        tables.put("paragraph_index", TableWriter.read(spark, output.toString(), TableSchemas.PARAGRAPH_INDEX)
                .where(night).drop("run_date"));
        tables.forEach((name, rows) -> rows.collectAsList().forEach(r -> out.add(name + " " + r)));
        out.sort(null);
        return out;
    }

    private static int maxFilesPerPartition(Path output) throws IOException {
        Map<Path, Integer> n = new HashMap<>();
        try (Stream<Path> s = Files.walk(output)) {
            s.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith(".")
                            && !output.relativize(p).toString().startsWith("stats") && !p.toString().contains("/_"))
                    .forEach(p -> n.merge(p.getParent(), 1, Integer::sum));
        }
        return n.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
