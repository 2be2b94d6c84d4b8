package io.newsetl.output;

import org.apache.spark.sql.types.DataType;

/**
 * One declared column of a table.
 *
 * @param name        the column name in Parquet (snake_case)
 * @param source      the field of the row it is taken from (camelCase bean property)
 * @param type        the Spark SQL type; timestamps are written as int64 microseconds
 * @param description what the column means, for the README and the Parquet schema metadata, and its comment in the
 *                    catalog: at most {@value #MAX_DESCRIPTION_CHARS} characters
 */
public record Column(String name, String source, DataType type, String description) {

    /**
     * Longest description: a Hive metastore keeps a column's comment in {@code COLUMNS_V2.COMMENT}, a
     * {@code VARCHAR(256)}. A longer one makes it refuse the table's Hive-compatible form; Spark then retries for
     * about 20 s and stores the table in a form that only Spark reads (Trino sees no columns).
     */
    public static final int MAX_DESCRIPTION_CHARS = 256;

    /** @throws IllegalArgumentException when the description is longer than {@value #MAX_DESCRIPTION_CHARS} */
    public Column {
        if (description.length() > MAX_DESCRIPTION_CHARS) {
            throw new IllegalArgumentException("The description of column " + name + " has " + description.length()
                    + " characters; a metastore keeps at most " + MAX_DESCRIPTION_CHARS + ": shorten it");
        }
    }
}
