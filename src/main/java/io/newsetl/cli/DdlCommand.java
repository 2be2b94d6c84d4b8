package io.newsetl.cli;

import io.newsetl.output.TableDdl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code news-etl ddl}: prints the table registration for Spark SQL, Trino or DuckDB. */
@Command(name = "ddl", mixinStandardHelpOptions = true,
        description = "Print CREATE TABLE statements (spark, trino) or views (duckdb) for the tables of an output folder.")
final class DdlCommand implements Callable<Integer> {

    enum Engine { spark, trino, duckdb }

    @Option(names = "--engine", required = true, description = "spark, trino or duckdb.")
    Engine engine;

    @Option(names = "--database", defaultValue = "news", description = "Database (Spark) or schema (Trino); default ${DEFAULT-VALUE}.")
    String database;

    @Option(names = "--location", defaultValue = "$${OUTPUT}",
            description = "Output folder the tables live in, e.g. hdfs:///warehouse/news or s3://bucket/news (default: a $${OUTPUT} placeholder).")
    String location;

    @Override
    public Integer call() {
        String loc = location.equals("${OUTPUT}") ? location : qualified(location);
        System.out.print(switch (engine) {
            case spark -> TableDdl.spark(database, loc);
            case trino -> TableDdl.trino(database, loc);
            case duckdb -> loc.equals("${OUTPUT}") ? TableDdl.duckdb() : TableDdl.duckdb(loc);
        });
        return 0;
    }

    /**
     * A location engines can open from anywhere: a URI as given ({@code hdfs://}, {@code s3://}), a local path as an
     * absolute {@code file:} URI (Trino and Spark resolve a bare relative path against their own working folder).
     */
    static String qualified(String location) {
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return location;
        }
        return "file:" + java.nio.file.Path.of(location).toAbsolutePath().normalize();
    }
}
