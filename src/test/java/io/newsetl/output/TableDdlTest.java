package io.newsetl.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table registration files in notebooks/sql are the generator's output, and the Spark DDL works on a run. */
class TableDdlTest extends SparkStageTest {

    @Test
    void committedFilesAreTheGeneratedOnes() throws Exception {
        assertThat(Files.readString(Path.of("notebooks/sql/spark-tables.sql"))).isEqualTo(TableDdl.spark("news", "${OUTPUT}"));
        assertThat(Files.readString(Path.of("notebooks/sql/trino-tables.sql"))).isEqualTo(TableDdl.trino("news", "${OUTPUT}"));
        assertThat(Files.readString(Path.of("notebooks/sql/duckdb-views.sql"))).isEqualTo(TableDdl.duckdb());
        assertThat(TableDdl.trinoType(TableSchemas.RUNS.structType().apply("stage_seconds").dataType()))
                .isEqualTo("map(varchar, double)");
    }

    /**
     * A metastore keeps at most 256 characters of a column's comment: a longer description is refused when the
     * column is declared, so every declared table (loaded here) fits.
     */
    @Test
    void everyDescriptionFitsAMetastoresColumnComment() {
        assertThat(TableDdl.tables()).isNotEmpty();
        org.apache.spark.sql.types.DataType type = org.apache.spark.sql.types.DataTypes.LongType;
        assertThat(new Column("x", "x", type, "y".repeat(Column.MAX_DESCRIPTION_CHARS)).description()).hasSize(256);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Column("x", "x", type,
                        "y".repeat(Column.MAX_DESCRIPTION_CHARS + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column x has 257 characters");
    }

    @Test
    void sparkDdlRegistersTheTablesOfARunAndTheExamplesRun(@TempDir Path out) throws Exception {
        NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", SharedData.sampleCorpus().toString(),
                "output", out.toString(), "run-date", "2018-05-30")));
        String ddl = Files.readString(Path.of("notebooks/sql/spark-tables.sql"))
                .replace("${OUTPUT}", out.toUri().toString().replaceAll("/$", "")).replace("news.", "ddl_test.")
                .replace("DATABASE IF NOT EXISTS news", "DATABASE IF NOT EXISTS ddl_test");
        for (String statement : statements(ddl)) {
            spark().sql(statement);
        }
        assertThat(spark().sql("SELECT count(*) FROM ddl_test.articles").first().getLong(0)).isEqualTo(19);
        assertThat(spark().sql("SELECT count(DISTINCT pub_date) FROM ddl_test.entities").first().getLong(0)).isPositive();
        assertThat(spark().sql("SELECT sum(articles) FROM ddl_test.stats_daily").first().getLong(0)).isEqualTo(19);

        spark().catalog().setCurrentDatabase("ddl_test");
        try {
            for (String query : statements(Files.readString(Path.of("notebooks/sql/examples.sql")))) {
                assertThat(spark().sql(query).collectAsList()).as(query).isNotNull();
            }
            assertThat(spark().sql("SELECT count(*) FROM rejects").first().getLong(0)).isEqualTo(5);
        } finally {
            spark().catalog().setCurrentDatabase("default");
            spark().sql("DROP DATABASE ddl_test CASCADE");
        }
    }

    /** Statements of a SQL file, comments dropped. */
    static List<String> statements(String sql) {
        return Arrays.stream(sql.split(";\\s*\\n")).map(s -> s.lines().filter(l -> !l.startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b).strip())
                .filter(s -> !s.isEmpty()).toList();
    }
}
