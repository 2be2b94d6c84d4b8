package io.newsetl.pipeline;

import io.newsetl.config.JobConfig;
import io.newsetl.dedup.RepeatStage;
import io.newsetl.ingest.IngestStage;
import io.newsetl.ingest.InputLister;
import io.newsetl.ingest.RawDocument;
import io.newsetl.model.Document;
import io.newsetl.output.TableSchema;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.parse.DocumentParser;
import io.newsetl.parse.ParseStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly job: list → read → parse → remove in-article repeats → stage tables → check the balance → commit.
 * The only class that knows every stage.
 *
 * <pre>{@code
 * RunRecord run = NightlyJob.run(spark, ConfigLoader.load(null, Map.of("input", "/in", "output", "/out")));
 * run.isBalanceOk()  // true: every input file is in articles or rejects
 * }</pre>
 */
public final class NightlyJob {

    private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

    private NightlyJob() {
    }

    /** The run failed its balance check; nothing was committed. */
    public static final class BalanceException extends RuntimeException {
        public BalanceException(String message) {
            super(message);
        }
    }

    public static RunRecord run(SparkSession spark, JobConfig cfg) {
        RunRecord run = new RunRecord();
        run.setRunId(cfg.runId());
        run.setRunDate(cfg.runDate());
        run.setStartedAt(Instant.now());
        run.setInput(cfg.input());
        run.setCodeVersion(Version.get());
        run.setConfigHash(cfg.configHash());
        Map<String, Double> seconds = new LinkedHashMap<>();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        checkOutputWritable(cfg.output(), hadoop);
        String staging = cfg.output() + "/_staging/" + cfg.runId();

        Stopwatch sw = Stopwatch.start();
        InputLister.Listing listing = InputLister.list(cfg.input(), hadoop);
        seconds.put("list", sw.lap());
        run.setInputFiles(listing.files().size());
        run.setInputBytes(listing.totalBytes());
        run.setListingWarnings(listing.warnings());
        LOG.info("stage=list files={} bytes={} seconds={}", listing.files().size(), listing.totalBytes(),
                fmt(seconds.get("list")));

        Dataset<RawDocument> raw = IngestStage.read(spark, listing.files(), cfg.ingest().targetTaskBytes(),
                cfg.ingest().fileOpenCostBytes(), cfg.ingest().limits());
        DocumentParser parser = new DocumentParser(cfg.parse().detector(), cfg.parse().timezone(), cfg.runDate(),
                cfg.runId());
        Dataset<Document> docs = RepeatStage.removeRepeats(ParseStage.parse(raw, parser))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long parsed = docs.count();
            seconds.put("read_parse", sw.lap());
            LOG.info("stage=read_parse rows_in={} rows_out={} seconds={}", listing.files().size(), parsed,
                    fmt(seconds.get("read_parse")));

            int writePartitions = cfg.write().partitions() > 0 ? cfg.write().partitions()
                    : (int) Math.max(1, listing.totalBytes() / (256L << 20));
            Dataset<Document> articles = docs.filter((org.apache.spark.api.java.function.FilterFunction<Document>)
                    d -> !d.isRejected());
            Dataset<Document> rejects = docs.filter((org.apache.spark.api.java.function.FilterFunction<Document>)
                    Document::isRejected);
            TableWriter.stage(TableSchemas.ARTICLES.project(articles), TableSchemas.ARTICLES, staging,
                    cfg.write().compression(), cfg.write().maxRecordsPerFile(), writePartitions);
            TableWriter.stage(TableSchemas.REJECTS.project(rejects), TableSchemas.REJECTS, staging,
                    cfg.write().compression(), cfg.write().maxRecordsPerFile(), 1);
            seconds.put("write", sw.lap());

            // The balance is counted on what was staged, i.e. on what readers would get.
            long nArticles = stagedRows(spark, staging, TableSchemas.ARTICLES);
            long nRejects = stagedRows(spark, staging, TableSchemas.REJECTS);
            run.setArticles(nArticles);
            run.setRejects(nRejects);
            run.setBalanceOk(listing.files().size() == nArticles + nRejects);
            LOG.info("stage=write articles={} rejects={} seconds={}", nArticles, nRejects, fmt(seconds.get("write")));
            if (!run.isBalanceOk()) {
                run.setStatus("BALANCE_FAILED");
                throw new BalanceException(String.format(
                        "Balance failed: %d input files but %d articles + %d rejects = %d; nothing was committed "
                                + "(staged rows kept in %s for inspection).",
                        listing.files().size(), nArticles, nRejects, nArticles + nRejects, staging));
            }

            TableWriter.commit(hadoop, staging, cfg.output(), TableSchemas.ARTICLES, cfg.runDate());
            TableWriter.commit(hadoop, staging, cfg.output(), TableSchemas.REJECTS, cfg.runDate());
            seconds.put("commit", sw.lap());
            run.setStatus("SUCCEEDED");
            run.setStageSeconds(seconds);
            run.setFinishedAt(Instant.now());
            writeRunRow(spark, run, staging, cfg);
            deleteQuietly(hadoop, staging);
            return run;
        } finally {
            docs.unpersist();
        }
    }

    private static void writeRunRow(SparkSession spark, RunRecord run, String staging, JobConfig cfg) {
        Dataset<RunRecord> row = spark.createDataset(List.of(run), Encoders.bean(RunRecord.class));
        TableWriter.stage(TableSchemas.RUNS.project(row), TableSchemas.RUNS, staging, cfg.write().compression(),
                cfg.write().maxRecordsPerFile(), 1);
        TableWriter.commit(spark.sparkContext().hadoopConfiguration(), staging, cfg.output(), TableSchemas.RUNS,
                cfg.runDate());
    }

    /** Rows staged for a table; with the declared schema, so that a table with no rows reads as empty. */
    private static long stagedRows(SparkSession spark, String staging, TableSchema table) {
        return spark.read().schema(table.structType()).parquet(TableWriter.stagingPath(staging, table)).count();
    }

    /**
     * Checks input and output before a Spark session is started, so that a typo fails in a second with one line.
     * Remote locations (hdfs:, s3a:) need the session's Hadoop settings and are checked by {@link #run}.
     */
    public static void preflight(JobConfig cfg) {
        Configuration local = new Configuration();
        if (InputLister.isLocal(cfg.output())) {
            checkOutputWritable(cfg.output(), local);
        }
        if (InputLister.isLocal(cfg.input()) && !cfg.input().matches(".*[*?\\[{].*")) {
            java.nio.file.Path in = java.nio.file.Path.of(InputLister.stripFileScheme(cfg.input()));
            if (!java.nio.file.Files.exists(in)) {
                throw new InputLister.InputMissingException("Cannot read input: " + in + " does not exist.");
            }
        }
    }

    private static void checkOutputWritable(String output, Configuration conf) {
        try {
            Path out = new Path(output);
            FileSystem fs = out.getFileSystem(conf);
            if (fs.exists(out) && !fs.getFileStatus(out).isDirectory()) {
                throw new OutputException("Cannot write output: " + output + " exists and is not a directory.");
            }
            Path probe = new Path(out, "_staging/.write-probe");
            try {
                fs.create(probe, true).close();
                fs.delete(probe, false);
            } catch (IOException e) {
                throw new OutputException("Cannot write output: " + output + " is not writable (" + e.getMessage() + ").");
            }
        } catch (IOException e) {
            throw new OutputException("Cannot write output: " + output + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Configuration conf, String path) {
        try {
            Path p = new Path(path);
            p.getFileSystem(conf).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output location cannot be written. */
    public static final class OutputException extends io.newsetl.config.ConfigException {
        public OutputException(String message) {
            super(message);
        }
    }

    static String fmt(double s) {
        return String.format("%.2f", s);
    }

    private static final class Stopwatch {
        private long last = System.nanoTime();

        static Stopwatch start() {
            return new Stopwatch();
        }

        double lap() {
            long now = System.nanoTime();
            double s = (now - last) / 1e9;
            last = now;
            return s;
        }
    }
}
