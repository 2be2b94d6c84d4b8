package io.newsetl.testing;

import io.newsetl.output.TableSchema;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructField;

/**
 * Every row of the data tables (articles, duplicates, rejects, paragraph_index) of an output, as sorted strings
 * ("table:col|col|..."), binary columns in hex, for comparing two runs.
 */
public final class TableSnapshot {

    private TableSnapshot() {
    }

    public static List<String> of(SparkSession spark, String output) {
        return of(spark, output, List.of(TableSchemas.ARTICLES, TableSchemas.DUPLICATES, TableSchemas.REJECTS,
                TableSchemas.PARAGRAPH_INDEX));
    }

    /** Every row of {@code tables}, as above. */
    public static List<String> of(SparkSession spark, String output, List<TableSchema> tables) {
        List<String> rows = new ArrayList<>();
        for (TableSchema t : tables) {
            Dataset<Row> d = TableWriter.read(spark, output, t);
            for (StructField f : d.schema().fields()) {
                if (f.dataType() instanceof BinaryType) {
                    d = d.withColumn(f.name(), functions.hex(functions.col(f.name())));
                }
            }
            d.collectAsList().forEach(r -> rows.add(t.name() + ":" + r.mkString("|")));
        }
        rows.sort(null);
        return rows;
    }

    /** The same rows with run ids ("r20180530-1a2b3c4d", which hash the config) as "RUN", re-sorted. */
    public static List<String> withoutRunIds(List<String> rows) {
        return rows.stream().map(r -> r.replaceAll("r\\d{8}-[0-9a-f]{8}", "RUN")).sorted().toList();
    }
}
