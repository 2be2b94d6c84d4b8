package io.newsetl.output;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's declared schema: its columns in order (partition column last, as Spark writes it), the column the
 * table is partitioned by and the columns its files are sorted by.
 */
public record TableSchema(String name, String partitionColumn, List<String> sortColumns, List<Column> columns) {

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
