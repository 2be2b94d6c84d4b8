package io.newsetl.cli;

import io.newsetl.config.JobConfig;
import io.newsetl.model.ConfigException;
import io.newsetl.output.Compaction;
import io.newsetl.output.TableSchema;
import io.newsetl.output.TableSchemas;
import io.newsetl.pipeline.Sessions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code news-etl compact}: folds the nightly files of the tables' partitions into few right-sized sorted files. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Rewrite the partitions of the tables (all, or --table; all dates, or --from/--to) that hold "
                + "more files than their size needs into sorted files of about write.target-file-bytes. Same rows; "
                + "atomic and idempotent; takes the run lock, so it waits for no night and no night overlaps it.")
final class CompactCommand implements Callable<Integer> {

    @Option(names = "--table", paramLabel = "NAME", description = "A table to compact (articles, duplicates, rejects, "
            + "paragraph_index, entities, names, runs, dedup_keys); repeatable. Default: every table.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First partition date (pub_date or run_date) "
            + "compacted. Default: the first.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last partition date compacted. Default: the last.")
    LocalDate to;

    @Option(names = "--rewrite", description = "Rewrite every partition of the chosen tables, even those already "
            + "compacted: once after an upgrade that changes how a table's files are written (see changelog.md).")
    boolean rewrite;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        JobConfig cfg = config.load();
        ConfigOptions.checkRange(from, to);
        List<TableSchema> chosen = chosen(tables);
        SparkSession spark = Sessions.create(cfg);
        try {
            long t0 = System.nanoTime();
            Compaction.Result r = Compaction.runLocked(spark, cfg, chosen, from, to, rewrite);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%nnews-etl compact of %s in %.1f s: %,d partitions with %,d files looked at%n",
                    cfg.output(), seconds, r.partitionsSeen(), r.filesSeen());
            if (r.tables().isEmpty()) {
                System.out.println("  nothing to compact: every partition holds no more files than its size needs");
            }
            r.tables().forEach(t -> System.out.printf(Locale.ROOT, "  %-16s %,6d partitions  %,7d -> %,6d files  %,d rows%n",
                    t.table(), t.partitions(), t.filesBefore(), t.filesAfter(), t.rows()));
            return 0;
        } finally {
            spark.stop();
        }
    }

    static List<TableSchema> chosen(List<String> names) {
        if (names.isEmpty()) {
            return TableSchemas.all();
        }
        List<TableSchema> out = new ArrayList<>();
        for (String n : names) {
            out.add(TableSchemas.all().stream().filter(t -> t.name().equals(n)).findFirst().orElseThrow(() ->
                    new ConfigException("Unknown table '" + n + "' for --table; one of: " + String.join(", ",
                            TableSchemas.all().stream().map(TableSchema::name).toList()) + ".")));
        }
        return out;
    }
}
