package io.newsetl.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's declared schema: its columns in order (partition column last, as Spark writes it), the column the
 * table is partitioned by, the columns its files are sorted by, and Parquet writer options of its own (applied by
 * every writer of its files: the night's, a rerun's and {@code compact}'s; a {@code compression} among them is the
 * table's codec, in place of {@code write.compression}).
 */
public record TableSchema(String name, String partitionColumn, List<String> sortColumns, List<Column> columns,
        Map<String, String> parquetOptions) {

    public TableSchema(String name, String partitionColumn, List<String> sortColumns, List<Column> columns) {
        this(name, partitionColumn, sortColumns, columns, Map.of());
    }

    public StructType structType() {
        List<StructField> fields = new ArrayList<>();
        for (Column c : columns) {
            fields.add(new StructField(c.name(), c.type(), true, comment(c)));
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** Selects, casts and renames the row's fields into this table's columns, carrying the descriptions. */
    public Dataset<Row> project(Dataset<?> rows) {
        org.apache.spark.sql.Column[] cols = columns.stream()
                .map(c -> functions.col(c.source()).cast(c.type()).as(c.name(), comment(c)))
                .toArray(org.apache.spark.sql.Column[]::new);
        return rows.select(cols);
    }

    private static Metadata comment(Column c) {
        return new MetadataBuilder().putString("comment", c.description()).build();
    }
}
