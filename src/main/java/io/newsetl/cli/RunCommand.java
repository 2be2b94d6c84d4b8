package io.newsetl.cli;

import io.newsetl.config.JobConfig;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.output.RunRecord;
import io.newsetl.pipeline.Sessions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code news-etl run}: the nightly job over one input location and run date. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the job: ingest, parse, dedup and write the tables for one night.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "PATH",
            description = "Input directory, file or glob (local, file:, hdfs:, s3a:); {date} = run date. Default: news-etl.input.")
    String input;

    @Option(names = "--run-date", paramLabel = "YYYY-MM-DD",
            description = "Night this run stands for. Default: today in parse.timezone.")
    String runDate;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("input", input);
        options.put("run-date", runDate);
        JobConfig cfg = config.load(options);
        NightlyJob.preflight(cfg);
        SparkSession spark = Sessions.create(cfg);
        try {
            RunRecord run = NightlyJob.run(spark, cfg);
            System.out.print(RunSummary.format(run, cfg));
            return 0;
        } finally {
            spark.stop();
        }
    }
}
