package io.newsetl.cli;

import io.newsetl.config.JobConfig;
import io.newsetl.model.ConfigException;
import io.newsetl.pipeline.Sessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code news-etl sql "SELECT ..."}: queries the registered tables through the catalog, with no DDL. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run SQL statements against the tables registered in the catalog (catalog.*): the embedded "
                + "metastore of a local --output, or catalog.metastore-uri. Prints each result.")
final class SqlCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SQL", arity = "1..*", description = "Statements, e.g. \"SELECT count(*) FROM news.articles\".")
    List<String> statements = new ArrayList<>();

    @Option(names = "--max-rows", paramLabel = "N", description = "Rows printed per result (default: ${DEFAULT-VALUE}).")
    int maxRows = 100;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        boolean remote = config.sets.stream().anyMatch(s -> s.startsWith("catalog.metastore-uri="));
        // The output of a local run holds its embedded catalog (<output>/_catalog); with a metastore address it only
        // places Spark's scratch warehouse folder.
        JobConfig cfg = config.output != null || !remote ? config.load() : config.load(Map.of("output",
                Path.of(System.getProperty("java.io.tmpdir"), "news-etl-sql").toString()));
        if (!cfg.catalog().enabled()) {
            throw new ConfigException("catalog.enabled = false: the sql command reads the tables through the catalog.");
        }
        if (cfg.output() != null && cfg.catalog().metastoreUri().isEmpty()
                && io.newsetl.ingest.InputLister.isLocal(cfg.output())
                && !java.nio.file.Files.isDirectory(Path.of(io.newsetl.ingest.InputLister.stripFileScheme(cfg.output()), "_catalog"))) {
            throw new io.newsetl.model.InputException("No catalog under " + cfg.output() + "/_catalog: run the job "
                    + "into that output first (catalog.enabled = true).");
        }
        SparkSession spark = Sessions.create(cfg);
        try {
            if (!"hive".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"))) {
                throw new ConfigException("No metastore: Spark's Hive client is not on the classpath (use "
                        + "submit/run-local.sh, which adds target/lib).");
            }
            for (String sql : statements) {
                Dataset<Row> result = spark.sql(sql);
                result.show(maxRows, false);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
