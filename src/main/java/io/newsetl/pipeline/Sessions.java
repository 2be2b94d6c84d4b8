package io.newsetl.pipeline;

import io.newsetl.config.JobConfig;
import io.newsetl.ingest.InputLister;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a run. The master comes from spark-submit when it sets one, else from
 * {@code spark.master} in the config; the settings every run needs are fixed here.
 */
public final class Sessions {

    private Sessions() {
    }

    public static SparkSession create(JobConfig cfg) {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster(cfg.spark().master());
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName(cfg.spark().appName());
        }
        apply(conf, cfg);
        catalog(conf, cfg);
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * The metastore of the session when {@code catalog.enabled} and Spark's Hive client is on the classpath: the
     * configured {@code catalog.metastore-uri}, else the site's (hive-site.xml, spark.hadoop.hive.metastore.uris),
     * else, for a local output, an embedded Derby metastore under {@code <output>/_catalog}.
     */
    static void catalog(SparkConf conf, JobConfig cfg) {
        if (!cfg.catalog().enabled() || conf.contains("spark.sql.catalogImplementation") && !"hive".equals(
                conf.get("spark.sql.catalogImplementation"))) {
            return;
        }
        if (!hiveClasses()) {
            LoggerFactory.getLogger(Sessions.class).warn("catalog.enabled, but Spark's Hive client or DataNucleus is "
                    + "not on the classpath: the tables will not be registered (run through submit/run-local.sh or "
                    + "submit/nightly.sh, which add target/lib, or set catalog.enabled = false)");
            return;
        }
        String uri = cfg.catalog().metastoreUri();
        boolean site = conf.contains("spark.hadoop.hive.metastore.uris")
                || Thread.currentThread().getContextClassLoader().getResource("hive-site.xml") != null;
        boolean local = cfg.output() != null && InputLister.isLocal(cfg.output());
        if (uri.isEmpty() && !site && !local) {
            LoggerFactory.getLogger(Sessions.class).warn("catalog.enabled, but no metastore for the output {}: set "
                    + "catalog.metastore-uri (thrift://host:9083) or give Spark a hive-site.xml; the tables will not "
                    + "be registered", cfg.output());
            return;
        }
        conf.set("spark.sql.catalogImplementation", "hive");
        if (!uri.isEmpty()) {
            conf.set("spark.hadoop.hive.metastore.uris", uri);
        }
        String dir = cfg.output() == null ? null : (local ? Path.of(InputLister.stripFileScheme(cfg.output()))
                .toAbsolutePath().toString() : cfg.output()) + "/_catalog";
        if (dir != null) {
            // The database folder Spark creates with the database (the tables are external and elsewhere): under the
            // output, never in the working directory.
            conf.setIfMissing("spark.sql.warehouse.dir", dir + "/warehouse");
        }
        if (uri.isEmpty() && !site) {
            try {
                java.nio.file.Files.createDirectories(Path.of(dir));
            } catch (java.io.IOException e) {
                throw new io.newsetl.model.OutputException("Cannot create the embedded catalog " + dir + ": " + e.getMessage());
            }
            conf.setIfMissing("spark.hadoop.javax.jdo.option.ConnectionURL",
                    "jdbc:derby:;databaseName=" + dir + "/metastore_db;create=true");
            System.setProperty("derby.stream.error.file", dir + "/derby.log");
        }
    }

    private static boolean hiveClasses() {
        try {
            Class.forName("org.apache.spark.sql.hive.HiveSessionStateBuilder");
            Class.forName("org.datanucleus.api.jdo.JDOPersistenceManagerFactory");
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A local session with the settings of every run, for a command that uses Spark as a library (train-ner). */
    public static SparkSession local(String appName) {
        SparkConf conf = new SparkConf();
        conf.setIfMissing("spark.master", "local[*]");
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.ui.enabled", "false");
        apply(conf, null);
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** Settings of every run, also used by the tests' shared session. */
    public static void apply(SparkConf conf, JobConfig cfg) {
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.sql.adaptive.enabled", "true");
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        // Dates and timestamps are written and read as they are (proleptic Gregorian), never rebased to the Julian
        // calendar: with the default (EXCEPTION) one date before 1582 failed the whole write.
        for (String mode : List.of("datetimeRebaseModeInWrite", "datetimeRebaseModeInRead", "int96RebaseModeInWrite",
                "int96RebaseModeInRead")) {
            conf.setIfMissing("spark.sql.parquet." + mode, "CORRECTED");
        }
        conf.setIfMissing("spark.hadoop.parquet.summary.metadata.level", "NONE");
        conf.setIfMissing("spark.sql.sources.partitionColumnTypeInference.enabled", "true");
        // Local paths without a forked chmod / ls per file (see NioLocalFileSystem); HDFS and S3 are not concerned.
        conf.setIfMissing("spark.hadoop." + NioLocalFileSystem.KEY, NioLocalFileSystem.class.getName());
        // The cached documents are mostly unique text: the cache's dictionary and run-length encodings save nothing on
        // them, while gathering their statistics hashed every body (a quarter of the read stage's CPU).
        conf.setIfMissing("spark.sql.inMemoryColumnarStorage.compressed", "false");
        // A table of a few thousand date partitions (ten years of nights) is listed by the driver in well under a
        // second; the default (32) starts a Spark job of one task per folder instead: 0.3 s per table read at 140
        // folders here, 3 s at 1,390.
        conf.setIfMissing("spark.sql.sources.parallelPartitionDiscovery.threshold", "4096");
        if (cfg != null) {
            // Parquet 1.13 makes one zstd codec per JVM, with the Hadoop settings of the first file written: the
            // level is a setting of the session (driver and executors), not of a single write.
            conf.set("spark.hadoop.parquet.compression.codec.zstd.level", Integer.toString(cfg.write().zstdLevel()));
        }
        if (cfg != null && cfg.spark().shufflePartitions() > 0) {
            conf.set("spark.sql.shuffle.partitions", Integer.toString(cfg.spark().shufflePartitions()));
        }
    }
}
