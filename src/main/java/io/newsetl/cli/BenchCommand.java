package io.newsetl.cli;

import io.newsetl.bench.Benchmark;
import io.newsetl.config.ConfigLoader;
import io.newsetl.config.JobConfig;
import io.newsetl.pipeline.Sessions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code news-etl bench}: generate a corpus (once) and print the benchmark figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark on a generated corpus: raw read limit, naive Spark job, pipeline; checks ground truth.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--articles", defaultValue = "100000", description = "Files to generate (default ${DEFAULT-VALUE}).")
    int articles;

    @Option(names = "--workdir", defaultValue = "target/bench", description = "Where corpora and outputs go (default ${DEFAULT-VALUE}); a corpus is generated once per size.")
    Path workdir;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--naive-max-files", defaultValue = "20000",
            description = "The naive job reads whole day folders up to this many files (default ${DEFAULT-VALUE}); its files/s are compared.")
    int naiveMaxFiles;

    @Option(names = "--skip-c", description = "Leave out (c), the full pipeline with entity tagging and statistics "
            + "(at a million articles tagging alone takes about an hour here); c/b then prints n/a.")
    boolean skipC;

    @Option(names = "--compact-nights", defaultValue = "0", description = "Instead: deal the corpus to this many "
            + "nights, run them, and print files and query times before and after compact (submit/bench-compact.sh).")
    int compactNights;

    @Option(names = "--history", defaultValue = "0", description = "Instead: build a history of this many generated "
            + "articles (nights of --batch, then compact), and time one more night of --night files on an empty output "
            + "and on the history, interleaved, each in a fresh JVM (submit/bench.sh --history N --night M).")
    int history;

    @Option(names = "--night", defaultValue = "10000", description = "With --history: files in the timed night (default ${DEFAULT-VALUE}).")
    int night;

    @Option(names = "--batch", defaultValue = "100000", description = "With --history: files per history night (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--runs", defaultValue = "3", description = "With --history: runs of each side; medians are printed (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default ${DEFAULT-VALUE}).")
    String master;

    @Override
    public Integer call() throws Exception {
        JobConfig cfg = ConfigLoader.load(null, Map.of("input", workdir.toString(), "output", workdir.toString(),
                "spark.master", master, "spark.app-name", "news-etl-bench"));
        SparkSession spark = Sessions.create(cfg);
        try {
            if (history > 0) {
                new io.newsetl.bench.HistoryBench(spark, System.out).run(workdir, history, night, batch, runs, seed);
            } else if (compactNights > 0) {
                new io.newsetl.bench.CompactionBench(spark, System.out).run(workdir, articles, compactNights, seed);
            } else {
                new Benchmark(spark, System.out).run(workdir, articles, seed, naiveMaxFiles, !skipC);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
