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
        System.out.print(switch (engine) {
            case spark -> TableDdl.spark(database, location);
            case trino -> TableDdl.trino(database, location);
            case duckdb -> TableDdl.duckdb();
        });
        return 0;
    }
}
