package io.newsetl.bench;

import io.newsetl.config.ConfigLoader;
import io.newsetl.config.JobConfig;
import io.newsetl.output.Compaction;
import io.newsetl.output.TableSchema;
import io.newsetl.output.TableSchemas;
import io.newsetl.pipeline.NightlyJob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Files and query time before and after {@code compact}, on many nights of generated data: the corpus's files are
 * dealt round-robin to {@code nights} nights (so every night touches most date partitions, the worst case for small
 * files), each night runs (entities and statistics off: what is measured is the layout), then the same queries
 * are timed (median of 5 after a warm-up, each reading the folders afresh), the tables compacted, and timed again.
 * The last line reads {@code bench-compact nights= articles= files_before= files_after= max_per_partition_before=
 * max_per_partition_after= query_before= query_after= rows_same=}.
 */
public final class CompactionBench {

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("articles per pub_date", "SELECT pub_date, count(*) FROM articles GROUP BY pub_date");
        QUERIES.put("one month, body search", "SELECT count(*) FROM articles WHERE pub_date BETWEEN DATE'2018-03-01' "
                + "AND DATE'2018-03-31' AND body LIKE '%minister%'");
        QUERIES.put("duplicates by kind", "SELECT duplicate_kind, count(*) FROM duplicates GROUP BY duplicate_kind");
        QUERIES.put("boilerplate paragraphs", "SELECT count(*) FROM paragraph_index WHERE is_boilerplate");
    }

    private final SparkSession spark;
    private final PrintStream out;

    public CompactionBench(SparkSession spark, PrintStream out) {
        this.spark = spark;
        this.out = out;
    }

    public void run(Path workdir, int articles, int nights, long seed) throws Exception {
        Path root = workdir.resolve(Integer.toString(articles));
        if (!Files.exists(root.resolve("truth.tsv"))) {
            new CorpusGenerator(CorpusGenerator.Rates.defaults(), seed).generate(root, articles);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root.resolve("corpus"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Path manifests = Files.createDirectories(root.resolve("compact-manifests-" + nights));
        List<List<String>> dealt = new ArrayList<>();
        for (int n = 0; n < nights; n++) {
            dealt.add(new ArrayList<>());
        }
        for (int i = 0; i < files.size(); i++) {
            dealt.get(i % nights).add(files.get(i).toAbsolutePath().toString());
        }
        Path output = root.resolve("out-compact-" + nights);
        if (Files.exists(output.resolve("runs")) && !hasCompacted(output)
                && spark.read().parquet(output.resolve("runs").toString()).count() == nights) {
            out.println("reusing the " + nights + " nights in " + output);
        } else {
            Benchmark.deleteRecursively(output);
            long t0 = System.nanoTime();
            for (int n = 0; n < nights; n++) {
                Path manifest = manifests.resolve(n + ".txt");
                Files.write(manifest, dealt.get(n));
                NightlyJob.run(spark, config(output, "@" + manifest, LocalDate.of(2019, 1, 1).plusDays(n)));
            }
            out.printf("%d nights of %,d files each into %s in %.1f s%n", nights, files.size() / nights, output,
                    (System.nanoTime() - t0) / 1e9);
        }

        Map<String, Integer> before = fileCounts(output);
        List<String> rowsBefore = fingerprint(output);
        double[] qBefore = queries(output);
        long c0 = System.nanoTime();
        Compaction.Result r = Compaction.runLocked(spark, config(output, null, LocalDate.of(2019, 1, 1)),
                TableSchemas.all(), null, null);
        double compactSeconds = (System.nanoTime() - c0) / 1e9;
        Map<String, Integer> after = fileCounts(output);
        boolean same = rowsBefore.equals(fingerprint(output));
        double[] qAfter = queries(output);

        out.printf("%ncompact: %.1f s, %,d partitions rewritten%n", compactSeconds,
                r.tables().stream().mapToInt(Compaction.TableResult::partitions).sum());
        out.printf("%-18s %12s %12s %14s %14s%n", "table", "files before", "files after", "max/partition", "max/partition");
        int fb = 0;
        int fa = 0;
        int maxB = 0;
        int maxA = 0;
        for (TableSchema t : TableSchemas.all()) {
            int[] b = stats(before, t.name());
            int[] a = stats(after, t.name());
            out.printf("%-18s %12d %12d %14d %14d%n", t.name(), b[0], a[0], b[1], a[1]);
            fb += b[0];
            fa += a[0];
            maxB = Math.max(maxB, b[1]);
            maxA = Math.max(maxA, a[1]);
        }
        out.printf("%n%-26s %10s %10s%n", "query (median of 5, s)", "before", "after");
        int i = 0;
        for (String q : QUERIES.keySet()) {
            out.printf("%-26s %10.2f %10.2f%n", q, qBefore[i], qAfter[i]);
            i++;
        }
        out.printf("bench-compact nights=%d articles=%d files_before=%d files_after=%d max_per_partition_before=%d "
                        + "max_per_partition_after=%d query_before=%.2f query_after=%.2f rows_same=%s%n", nights,
                articles, fb, fa, maxB, maxA, Arrays.stream(qBefore).sum(), Arrays.stream(qAfter).sum(), same);
    }

    private JobConfig config(Path output, String input, LocalDate runDate) {
        Map<String, String> m = new LinkedHashMap<>(Map.of("output", output.toString(), "run-date", runDate.toString(),
                "entities.enabled", "false", "stats.enabled", "false", "catalog.enabled", "false"));
        if (input != null) {
            m.put("input", input);
        }
        return ConfigLoader.load(null, m);
    }

    /** Median seconds per query, each on freshly read folders (the listing is part of a query's cost). */
    private double[] queries(Path output) {
        double[] out = new double[QUERIES.size()];
        int i = 0;
        for (String sql : QUERIES.values()) {
            double[] t = new double[6];
            for (int run = 0; run < t.length; run++) {
                long s0 = System.nanoTime();
                for (String table : List.of("articles", "duplicates", "paragraph_index")) {
                    spark.read().parquet(output.resolve(table).toString()).createOrReplaceTempView(table);
                }
                spark.sql(sql).collectAsList();
                t[run] = (System.nanoTime() - s0) / 1e9;
            }
            double[] timed = Arrays.copyOfRange(t, 1, t.length);
            Arrays.sort(timed);
            out[i++] = timed[timed.length / 2];
        }
        return out;
    }

    /** Row count and a hash sum per table: the same rows before and after. */
    private List<String> fingerprint(Path output) {
        List<String> out = new ArrayList<>();
        for (TableSchema t : TableSchemas.all()) {
            if (Files.exists(output.resolve(t.name()))) {
                out.add(t.name() + " " + spark.read().parquet(output.resolve(t.name()).toString())
                        .selectExpr("count(*)", "sum(xxhash64(to_json(struct(*))))").first().mkString(" "));
            }
        }
        return out;
    }

    private static Map<String, Integer> fileCounts(Path output) throws IOException {
        Map<String, Integer> n = new TreeMap<>();
        try (Stream<Path> s = Files.walk(output)) {
            s.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."))
                    .forEach(p -> n.merge(output.relativize(p.getParent()).toString(), 1, Integer::sum));
        }
        return n;
    }

    /** Files of a table, and the most in one partition. */
    private static int[] stats(Map<String, Integer> counts, String table) {
        int total = 0;
        int max = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getKey().equals(table) || e.getKey().startsWith(table + "/")) {
                total += e.getValue();
                max = Math.max(max, e.getValue());
            }
        }
        return new int[] {total, max};
    }

    private static boolean hasCompacted(Path output) throws IOException {
        try (Stream<Path> s = Files.walk(output)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("part-c"));
        }
    }
}
