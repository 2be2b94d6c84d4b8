package io.newsetl.cli;

import io.newsetl.config.JobConfig;
import io.newsetl.pipeline.Reprocess;
import io.newsetl.pipeline.Sessions;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code news-etl reprocess}: re-derives entities, names and derived columns of committed nights. */
@Command(name = "reprocess", mixinStandardHelpOptions = true,
        description = "Re-derive, with this build, the entities and names tables, the articles' entity columns and "
                + "the section of articles and duplicates, for every committed night from --from to --to (after a "
                + "new tagger, new name rules or new section rules). Bodies and dedup decisions stay. Under the run "
                + "lock, atomic per night, idempotent; then the statistics and the catalog.")
final class ReprocessCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", required = true, description = "First night (run_date) reprocessed.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", required = true, description = "Last night (run_date) reprocessed.")
    LocalDate to;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        ConfigOptions.checkRange(from, to);
        JobConfig cfg = config.load(Map.of("run-date", to.toString()));
        SparkSession spark = Sessions.create(cfg);
        try {
            long t0 = System.nanoTime();
            Reprocess.Result r = Reprocess.run(spark, cfg, from, to);
            System.out.printf(Locale.ROOT, "%nnews-etl reprocess of %s, nights %s to %s, in %.1f s%n", cfg.output(),
                    from, to, (System.nanoTime() - t0) / 1e9);
            if (r.nights().isEmpty()) {
                System.out.println("  no committed night in that range: nothing changed");
            }
            r.nights().forEach(n -> System.out.printf(Locale.ROOT, "  %s  %,d articles  %,d duplicates  %,d mentions  %.1f s%n",
                    n.runDate(), n.articles(), n.duplicates(), n.mentions(), n.seconds()));
            System.out.println("  statistics " + r.statsStatus());
            return 0;
        } finally {
            spark.stop();
        }
    }
}
