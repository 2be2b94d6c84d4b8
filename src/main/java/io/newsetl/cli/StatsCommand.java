package io.newsetl.cli;

import io.newsetl.config.JobConfig;
import io.newsetl.pipeline.Sessions;
import io.newsetl.stats.StatsJob;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code news-etl stats}: the statistics tables and the report of an output folder, over a date range. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Compute the statistics tables (<output>/stats/) and the report (<output>/report/"
                + "news-etl-report.html, stats.json, csv/) from the tables of an output folder.")
final class StatsCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First pub_date (and run_date) included. Default: the first.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last pub_date (and run_date) included. Default: the last.")
    LocalDate to;

    @Option(names = "--report-dir", paramLabel = "PATH", description = "Where the statistics tables and the report of "
            + "this call go. Default: the output itself without --from/--to (the nightly statistics), else "
            + "<output>/adhoc/<from>_<to>, so that an ad-hoc range never replaces the nightly report.")
    String reportDir;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        JobConfig cfg = config.load();
        ConfigOptions.checkRange(from, to);
        if (io.newsetl.ingest.InputLister.isLocal(cfg.output())
                && !java.nio.file.Files.isDirectory(Path.of(io.newsetl.ingest.InputLister.stripFileScheme(cfg.output())))) {
            throw new io.newsetl.model.InputException("Cannot read tables: " + cfg.output()
                    + " does not exist (run the job first, or pass the --output of a run).");
        }
        boolean adhoc = from != null || to != null;
        String destination = reportDir != null ? reportDir : !adhoc ? cfg.output()
                : cfg.output() + "/adhoc/" + (from == null ? "first" : from) + "_" + (to == null ? "last" : to);
        SparkSession spark = Sessions.create(cfg);
        try {
            if (adhoc && StatsJob.articlesIn(spark, cfg.output(), from, to) == 0) {
                System.out.printf(Locale.ROOT, "news-etl stats: no article of %s has a pub_date from %s to %s; "
                        + "nothing written.%n", cfg.output(), from == null ? "the first" : from, to == null ? "the last" : to);
                return 0;
            }
            StatsJob.Result r = StatsJob.run(spark, cfg.output(), new StatsJob.Settings(from, to,
                    cfg.stats().topEntities(), cfg.stats().trendEntities()), destination);
            System.out.printf(Locale.ROOT, "%nnews-etl stats over %s in %.1f s%n", cfg.output(), r.seconds());
            r.tables().forEach((t, rows) -> System.out.printf(Locale.ROOT, "  %-20s %,d rows -> %s/stats/%s%n",
                    t.name(), rows.size(), destination, t.name()));
            System.out.println("  report               " + r.report());
            return 0;
        } finally {
            spark.stop();
        }
    }
}
