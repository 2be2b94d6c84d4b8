package io.newsetl.cli;

import io.newsetl.config.ConfigLoader;
import io.newsetl.config.JobConfig;
import io.newsetl.model.ConfigException;
import io.newsetl.pipeline.Sessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code news-etl sql "SELECT ..."}: queries the registered tables through the catalog, with no DDL. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run SQL statements against the tables registered in the catalog (catalog.*): the embedded "
                + "metastore of a local --output, or catalog.metastore-uri. Prints each result.")
final class SqlCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SQL", arity = "1..*", description = "Statements, e.g. \"SELECT count(*) FROM news.articles\".")
    List<String> statements = new ArrayList<>();

    @Option(names = "--output", paramLabel = "PATH", description = "Output root whose embedded catalog (<output>/_catalog) "
            + "to use. Default: news-etl.output. Not needed with catalog.metastore-uri.")
    String output;

    @Option(names = "--max-rows", paramLabel = "N", description = "Rows printed per result (default: ${DEFAULT-VALUE}).")
    int maxRows = 100;

    @Option(names = "--conf", paramLabel = "FILE", description = "HOCON file of overrides (see conf/).")
    Path conf;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key, e.g. catalog.metastore-uri=thrift://hms:9083; repeatable.")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        Map<String, String> options = new LinkedHashMap<>();
        boolean remote = sets.stream().anyMatch(s -> s.startsWith("catalog.metastore-uri="));
        // With a metastore the output only places Spark's scratch warehouse folder.
        options.put("output", output != null || !remote ? output
                : Path.of(System.getProperty("java.io.tmpdir"), "news-etl-sql").toString());
        JobConfig cfg = ConfigLoader.load(conf, sets, options);
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
