package io.newsetl.bench;

import io.newsetl.config.ConfigLoader;
import io.newsetl.config.JobConfig;
import io.newsetl.dedup.RepeatStage;
import io.newsetl.ingest.DocumentReader;
import io.newsetl.parse.DocumentParser;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.output.RunRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The benchmark: on one generated corpus, (r) the raw read limit (plain Java, one thread per core), (n) the naive
 * Spark job ({@code wholeTextFiles} → Parquet), (b) the pipeline without entity tagging and statistics and (c) the
 * full pipeline as a nightly run does it (entities and the statistics step); then the output of (b) checked against
 * the generator's ground truth. c/b is the throughput of (c) over that of (b).
 *
 * <pre>{@code
 * new Benchmark(spark, System.out).run(Path.of("target/bench"), 100_000, 42, 20_000, true);
 * // ... bench articles=100000 b/r=0.12 b/n=25.3 c/b=0.62 dup_precision=1.0000 dup_recall=0.9990 rejects_recall=1.0000
 * }</pre>
 */
public final class Benchmark {

    private final SparkSession spark;
    private final PrintStream out;
    private final AtomicLong tasks = new AtomicLong();

    public Benchmark(SparkSession spark, PrintStream out) {
        this.spark = spark;
        this.out = out;
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd e) {
                tasks.incrementAndGet();
            }
        });
    }

    /** Figures of one phase. */
    record Phase(String name, long files, long bytes, double seconds, long peakHeap, long tasks,
            Map<String, Double> stages) {
        double filesPerSecond() {
            return files / seconds;
        }
    }

    public void run(Path workdir, int articles, long seed, int naiveMaxFiles, boolean withC) throws Exception {
        Path root = workdir.resolve(Integer.toString(articles));
        Path corpus = root.resolve("corpus");
        if (!Files.exists(root.resolve("truth.tsv"))) {
            long t0 = System.nanoTime();
            CorpusGenerator.Summary g = new CorpusGenerator(CorpusGenerator.Rates.defaults(), seed).generate(root, articles);
            out.printf("generated %,d files (%,d bytes) in %.1f s: %,d originals, %,d exact and %,d near duplicates, "
                            + "%,d malformed%n", g.files(), g.bytes(), (System.nanoTime() - t0) / 1e9, g.originals(),
                    g.exactDuplicates(), g.nearDuplicates(), g.malformed());
        } else {
            out.println("reusing the corpus in " + root);
        }
        int cores = spark.sparkContext().defaultParallelism();
        List<Phase> phases = new ArrayList<>();
        Phase r = rawRead(corpus, cores);
        Phase core = perFileCore(corpus, cores);
        Phase n = naive(corpus, root.resolve("out-naive"), naiveMaxFiles);
        phases.addAll(List.of(r, core, n));
        Phase b = pipeline("b", corpus, root.resolve("out-b"), Map.of("entities.enabled", "false", "stats.enabled", "false"));
        phases.add(b);
        Phase c = withC ? pipeline("c", corpus, root.resolve("out-c"), Map.of()) : null;
        if (c != null) {
            phases.add(c);
        }

        out.println();
        out.printf("%-4s %10s %9s %10s %12s %10s %12s %7s  %s%n", "", "files", "seconds", "files/s",
                "MB/s/core", "peak heap", "", "tasks", "seconds per stage");
        for (Phase p : phases) {
            out.printf("%-4s %,10d %9.1f %,10.0f %12.2f %8d MB %12s %7d  %s%n", p.name(), p.files(), p.seconds(),
                    p.filesPerSecond(), p.bytes() / 1e6 / p.seconds() / cores, p.peakHeap() >> 20, "", p.tasks(),
                    p.stages());
        }
        double br = b.filesPerSecond() / r.filesPerSecond();
        double bn = b.filesPerSecond() / n.filesPerSecond();
        String cb = c == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", c.filesPerSecond() / b.filesPerSecond());

        out.printf(java.util.Locale.ROOT, "%nper-file work without Spark (p): p/r=%.3f (the ceiling of b/r for this "
                + "parsing), b/p=%.2f (the share of it the Spark job keeps)%n", core.filesPerSecond() / r.filesPerSecond(),
                b.filesPerSecond() / core.filesPerSecond());
        Map<String, Double> q = checkTruth(root.resolve("truth.tsv"), root.resolve("out-b"), corpus);
        out.printf("%nground truth: duplicates precision %.4f recall %.4f (exact recall %.4f, near recall %.4f), "
                        + "rejects recall %.4f, rejects precision %.4f%n", q.get("dup_precision"), q.get("dup_recall"),
                q.get("exact_recall"), q.get("near_recall"), q.get("rejects_recall"), q.get("rejects_precision"));
        out.printf("bench articles=%d b/r=%.3f b/n=%.1f c/b=%s dup_precision=%.4f dup_recall=%.4f rejects_recall=%.4f%n",
                articles, br, bn, cb, q.get("dup_precision"), q.get("dup_recall"), q.get("rejects_recall"));
    }

    /**
     * (r): a plain multi-threaded read of every file, no Spark; the faster of two passes, so that the limit is the
     * page-cache copy it is on a warm night, not a disk that the first pass had to wait for (the stricter bar for b/r).
     */
    private Phase rawRead(Path corpus, int threads) throws Exception {
        java.util.function.Supplier<FileWork> read = () -> p -> Files.readAllBytes(p).length;
        Phase first = eachFile("r", corpus, threads, read);
        Phase second = eachFile("r", corpus, threads, read);
        out.printf("raw read: %.2f s, then %.2f s (the faster counts)%n", first.seconds(), second.seconds());
        return second.seconds() < first.seconds() ? second : first;
    }

    /**
     * (p): the job's own per-file work in plain Java, no Spark: read, decode, parse, remove repeats, hash every
     * paragraph (one parser per thread). It bounds what any engine running this parsing could reach: b/r can
     * never exceed p/r.
     */
    private Phase perFileCore(Path corpus, int threads) throws Exception {
        JobConfig cfg = ConfigLoader.load(null, Map.of("input", corpus.toString(), "output",
                corpus.resolveSibling("out-p").toString(), "run-date", "2018-12-31"));
        return eachFile("p", corpus, threads, () -> {
            DocumentReader reader = new DocumentReader(cfg.ingest().limits());
            DocumentParser parser = cfg.parse().documentParser(cfg.runDate(), cfg.runId());
            return p -> {
                long size = Files.size(p);
                RepeatStage.apply(parser.parse(reader.read(p.toString(), size, () -> Files.newInputStream(p))));
                return size;
            };
        });
    }

    /** Work on one file; returns the bytes it read. */
    private interface FileWork {
        long apply(Path p) throws IOException;
    }

    private Phase eachFile(String name, Path corpus, int threads, java.util.function.Supplier<FileWork> perThread)
            throws Exception {
        resetPeaks();
        long t0 = System.nanoTime();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong bytes = new AtomicLong();
        List<Future<?>> fs = new ArrayList<>();
        int slice = (files.size() + threads - 1) / threads;
        for (int i = 0; i < threads; i++) {
            List<Path> mine = files.subList(Math.min(files.size(), i * slice), Math.min(files.size(), (i + 1) * slice));
            fs.add(pool.submit(() -> {
                FileWork work = perThread.get();
                for (Path p : mine) {
                    try {
                        bytes.addAndGet(work.apply(p));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return new Phase(name, files.size(), bytes.get(), (System.nanoTime() - t0) / 1e9, peakHeap(), 0, Map.of());
    }

    /** What a user writes first: wholeTextFiles → Parquet, no parsing; on at most {@code maxFiles} day folders. */
    private Phase naive(Path corpus, Path output, int maxFiles) throws IOException {
        List<String> dirs = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        List<Path> days;
        try (Stream<Path> walk = Files.walk(corpus, 3)) {
            days = walk.filter(p -> corpus.relativize(p).getNameCount() == 3 && Files.isDirectory(p)).sorted().toList();
        }
        for (Path day : days) {
            long[] c = {0, 0};
            try (Stream<Path> list = Files.list(day)) {
                list.forEach(p -> {
                    c[0]++;
                    c[1] += p.toFile().length();
                });
            }
            if (files > 0 && files + c[0] > maxFiles) {
                break;
            }
            dirs.add(day.toString());
            files += c[0];
            bytes += c[1];
        }
        resetPeaks();
        long tasks0 = tasks.get();
        long t0 = System.nanoTime();
        // Stock Spark: Hadoop's own local file system, not the job's NioLocalFileSystem (uncached, so that the job's
        // cached instance is not handed out instead), and ignoreCorruptFiles, without which the naive job dies on the
        // first truncated .gz of the corpus (the pipeline reads files itself and rejects them; Spark's Hadoop input
        // formats read the setting when the RDD is built).
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        org.apache.spark.SparkConf conf = spark.sparkContext().conf();
        String impl = hadoop.get(io.newsetl.pipeline.NioLocalFileSystem.KEY);
        boolean ignored = conf.getBoolean("spark.files.ignoreCorruptFiles", false);
        hadoop.set(io.newsetl.pipeline.NioLocalFileSystem.KEY, org.apache.hadoop.fs.LocalFileSystem.class.getName());
        hadoop.setBoolean("fs.file.impl.disable.cache", true);
        conf.set("spark.files.ignoreCorruptFiles", "true");
        try {
            var rdd = spark.sparkContext().wholeTextFiles(String.join(",", dirs),
                    spark.sparkContext().defaultParallelism());
            spark.createDataset(rdd, org.apache.spark.sql.Encoders.tuple(org.apache.spark.sql.Encoders.STRING(),
                            org.apache.spark.sql.Encoders.STRING())).toDF("path", "text")
                    .write().mode("overwrite").parquet(output.toString());
        } finally {
            if (impl == null) {
                hadoop.unset(io.newsetl.pipeline.NioLocalFileSystem.KEY);
            } else {
                hadoop.set(io.newsetl.pipeline.NioLocalFileSystem.KEY, impl);
            }
            hadoop.unset("fs.file.impl.disable.cache");
            conf.set("spark.files.ignoreCorruptFiles", Boolean.toString(ignored));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf("naive: %,d files in %.1f s (%s)%n", files, s,
                dirs.size() < days.size() ? "a sample of " + dirs.size() + " of " + days.size() + " day folders" : "all");
        return new Phase("n", files, bytes, s, peakHeap(), tasks.get() - tasks0, Map.of());
    }

    /** The nightly job with the given overrides: (b) without entities and statistics, (c) as configured by default. */
    private Phase pipeline(String name, Path corpus, Path output, Map<String, String> sets) throws IOException {
        deleteRecursively(output);
        Map<String, String> overrides = new LinkedHashMap<>(sets);
        overrides.putAll(Map.of("input", corpus.toString(), "output", output.toString(), "run-date", "2018-12-31"));
        JobConfig cfg = ConfigLoader.load(null, overrides);
        resetPeaks();
        long tasks0 = tasks.get();
        long t0 = System.nanoTime();
        RunRecord run = NightlyJob.run(spark, cfg);
        double s = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> stages = new LinkedHashMap<>();
        run.getStageSeconds().forEach((k, v) -> stages.put(k, Math.round(v * 10) / 10.0));
        return new Phase(name, run.getInputFiles(), run.getInputBytes(), s, peakHeap(), tasks.get() - tasks0, stages);
    }

    /** Compares the tables with truth.tsv in Spark (nothing per row comes to the driver). */
    private Map<String, Double> checkTruth(Path truthFile, Path output, Path corpus) {
        String prefix = "file:" + corpus.toAbsolutePath() + "/";
        Dataset<Row> truth = spark.read().option("sep", "\t").option("header", "true").csv(truthFile.toString())
                .select(functions.concat(functions.lit(prefix), functions.col("file")).as("path"),
                        functions.col("table").as("t_table"), functions.col("reason").as("t_reason"));
        Dataset<Row> found = TableWriter.read(spark, output.toString(), TableSchemas.ARTICLES)
                .select(functions.col("source_path").as("path"), functions.lit("articles").as("f_table"))
                .unionByName(TableWriter.read(spark, output.toString(), TableSchemas.DUPLICATES)
                        .select(functions.col("source_path").as("path"), functions.lit("duplicates").as("f_table")))
                .unionByName(TableWriter.read(spark, output.toString(), TableSchemas.REJECTS)
                        .select(functions.col("source_path").as("path"), functions.lit("rejects").as("f_table")));
        Dataset<Row> j = truth.join(found, "path").cache();
        long truthDups = truth.where("t_table = 'duplicates'").count();
        long foundDups = j.where("f_table = 'duplicates'").count();
        long bothDups = j.where("f_table = 'duplicates' AND t_table = 'duplicates'").count();
        long truthExact = truth.where("t_reason = 'exact'").count();
        long truthNear = truth.where("t_reason = 'near'").count();
        long exactFound = j.where("f_table = 'duplicates' AND t_reason = 'exact'").count();
        long nearFound = j.where("f_table = 'duplicates' AND t_reason = 'near'").count();
        long truthRejects = truth.where("t_table = 'rejects'").count();
        long foundRejects = j.where("f_table = 'rejects'").count();
        long bothRejects = j.where("f_table = 'rejects' AND t_table = 'rejects'").count();
        j.unpersist();
        Map<String, Double> q = new LinkedHashMap<>();
        q.put("dup_precision", ratio(bothDups, foundDups));
        q.put("dup_recall", ratio(bothDups, truthDups));
        q.put("exact_recall", ratio(exactFound, truthExact));
        q.put("near_recall", ratio(nearFound, truthNear));
        q.put("rejects_recall", ratio(bothRejects, truthRejects));
        q.put("rejects_precision", ratio(bothRejects, foundRejects));
        return q;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 1.0 : (double) a / b;
    }

    /** Highest heap in use seen by a sampler every 50 ms (the pools' own peaks, summed, would overstate it). */
    private static final AtomicLong PEAK = new AtomicLong();

    static {
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                PEAK.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static void resetPeaks() {
        System.gc();
        PEAK.set(0);
    }

    /** Peak heap since the last reset: in local mode the driver and the executors are this one JVM. */
    private static long peakHeap() {
        return PEAK.get();
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
