package io.newsetl.output;

import org.apache.spark.sql.types.DataType;

/**
 * One declared column of a table.
 *
 * @param name        the column name in Parquet (snake_case)
 * @param source      the field of the row it is taken from (camelCase bean property)
 * @param type        the Spark SQL type; timestamps are written as int64 microseconds
 * @param description what the column means, for the README and the Parquet schema metadata
 */
public record Column(String name, String source, DataType type, String description) {
}
