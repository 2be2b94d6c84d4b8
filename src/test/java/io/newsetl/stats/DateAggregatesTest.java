package io.newsetl.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.testing.SparkStageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored aggregates' roll-ups, kept equal to those of the stored rows as nights merge into them. */
class DateAggregatesTest extends SparkStageTest {

    @Test
    void aMergedNightKeepsTheRollupsOfTheYearsItTouchedAndDropsAYearItEmptied(@TempDir Path out) throws Exception {
        // An earlier layout's aggregates are replaced, and its marker removed.
        Files.createFile(Files.createDirectories(out.resolve(DateAggregates.FOLDER)).resolve("_layout-3"));
        // Two nights name Kim in the week of Monday 2019-12-30, one on each side of the new year.
        DateAggregates.rebuild(spark(), out.toString(), withNames("""
                ('2019-12-31', '2020-01-01', 'Kim', 3, 2), ('2020-01-02', '2020-01-03', 'Kim', 4, 1),
                ('2020-01-02', '2020-01-03', 'Lee', 5, 5)"""));
        assertThat(stored(out)).isEqualTo(rolledUpFromStoredRows(out));
        try (var files = Files.list(out.resolve(DateAggregates.FOLDER))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("_layout-")))
                    .containsExactly(DateAggregates.LAYOUT_MARKER);
        }

        // A rerun of the night of 2020-01-03 that moved its articles to 2021: 2020 loses every row.
        Map<String, Dataset<Row>> rerun = withNames("('2021-03-01', '2020-01-03', 'Lee', 2, 2)");
        rerun.keySet().retainAll(DateAggregates.DATE_COLUMN.keySet());
        DateAggregates.merge(spark(), out.toString(), rerun, new DateAggregates.Night(LocalDate.parse("2020-01-03"),
                Map.of(), Set.of(LocalDate.parse("2020-01-02"), LocalDate.parse("2021-03-01")), Set.of()));

        assertThat(stored(out)).isEqualTo(rolledUpFromStoredRows(out))
                .contains("name_weeks [2019-12-30,PER,Kim,3,2,2019]", "name_years [PER,Lee,2,2,2021]")
                .noneMatch(r -> r.endsWith(",2020]"));
        for (String rollup : DateAggregates.ROLLUPS.keySet()) {
            assertThat(out.resolve(DateAggregates.FOLDER + "/" + rollup + "/year=2020")).as(rollup).doesNotExist();
        }
    }

    /** The schemas' empty aggregates, with these names rows ({@code (pub_date, run_date, canonical, mentions, articles)}). */
    private Map<String, Dataset<Row>> withNames(String values) {
        Map<String, Dataset<Row>> agg = new LinkedHashMap<>(DateAggregates.none(spark()));
        Dataset<Row> names = spark().sql("""
                SELECT CAST(d AS DATE) AS pub_date, CAST(r AS DATE) AS run_date, 'PER' AS type, c AS canonical,
                       CAST(m AS BIGINT) AS mentions, CAST(a AS BIGINT) AS articles, substr(d, 1, 4) AS year
                FROM VALUES %s AS t(d, r, c, m, a)""".formatted(values));
        agg.put("names", spark().createDataFrame(names.collectAsList(), agg.get("names").schema()));
        return agg;
    }

    private List<String> stored(Path out) {
        return rows(DateAggregates.stored(spark(), out.toString()));
    }

    /** The roll-ups recomputed from the stored aggregates' rows, beside those rows. */
    private List<String> rolledUpFromStoredRows(Path out) {
        Map<String, Dataset<Row>> agg = new LinkedHashMap<>(DateAggregates.stored(spark(), out.toString()));
        agg.putAll(DateAggregates.rollups(spark(), agg));
        return rows(agg);
    }

    private static List<String> rows(Map<String, Dataset<Row>> agg) {
        return agg.entrySet().stream().flatMap(e -> e.getValue().collectAsList().stream()
                .map(r -> e.getKey() + " " + r)).sorted().toList();
    }
}
