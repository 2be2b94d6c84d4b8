package io.newsetl.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;

/** The statistics of a run on the sample corpus, read back from the tables the stats step wrote. */
class StatsJobTest extends SparkStageTest {

    @Test
    void nightlyRunEndsWithStatsTablesAndTheReport(@TempDir Path out) throws Exception {
        NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", SharedData.sampleCorpus().toString(),
                "output", out.toString(), "run-date", "2018-05-30")));
        for (io.newsetl.output.TableSchema t : StatsSchemas.all()) {
            assertThat(out.resolve("stats/" + t.name())).as(t.name()).isDirectory();
            assertThat(out.resolve("report/csv/" + t.name() + ".csv")).as(t.name()).exists();
        }
        long articles = spark().read().parquet(out.resolve("stats/stats_daily").toString())
                .selectExpr("sum(articles)").first().getLong(0);
        assertThat(articles).isEqualTo(19);
        assertThat(spark().read().parquet(out.resolve("stats/stats_rejects").toString()).count()).isEqualTo(5);
        // Most of the sample corpus is filed by date (2018/05/14/...: no section); bbc-style/tech/ gives tech.
        Dataset<Row> sections = spark().read().parquet(out.resolve("stats/stats_sections").toString())
                .groupBy("section").sum("articles");
        assertThat(sections.selectExpr("sum(`sum(articles)`)").first().getLong(0)).isEqualTo(19);
        assertThat(sections.where("section = 'tech'").first().getLong(1)).isEqualTo(1);
        assertThat(sections.where("section = '(none)'").first().getLong(1)).isGreaterThan(10);
        assertThat(spark().read().parquet(out.resolve("stats/stats_languages").toString())
                .where("language = 'ko'").first().<Long>getAs("articles")).isEqualTo(2);
        List<String> topPersons = spark().read().parquet(out.resolve("stats/stats_top_entities").toString())
                .where("type = 'PER'").orderBy("rank").selectExpr("canonical").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        assertThat(topPersons).contains("Moon Jae-in");
        String html = Files.readString(out.resolve("report/news-etl-report.html"));
        assertThat(html).contains("북미 정상회담 개최").contains("Moon Jae-in");
        // The sample's BBC-style pages carry no date: the report says how many fell back to the run date.
        long undated = spark().read().parquet(out.resolve("stats/stats_daily").toString())
                .selectExpr("sum(undated_articles)").first().getLong(0);
        assertThat(undated).isPositive().isLessThan(19);
        assertThat(html).contains(undated + " of 19 articles in this range carry no usable publication date");
    }

    @Test
    void aDateRangeNarrowsEveryTable(@TempDir Path out) {
        NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", SharedData.sampleCorpus().toString(),
                "output", out.toString(), "run-date", "2018-05-30", "stats.enabled", "false")));
        assertThat(out.resolve("stats")).doesNotExist();
        StatsJob.Result r = StatsJob.run(spark(), out.toString(), new StatsJob.Settings(LocalDate.parse("2018-05-01"),
                LocalDate.parse("2018-06-30"), 3, 2));
        assertThat(r.tables().get(StatsSchemas.DAILY)).allSatisfy(row -> assertThat((LocalDate) row.get("pub_date"))
                .isBetween(LocalDate.parse("2018-05-01"), LocalDate.parse("2018-06-30")));
        assertThat(r.tables().get(StatsSchemas.TOP_ENTITIES)).allSatisfy(row -> assertThat((Integer) row.get("rank"))
                .isLessThanOrEqualTo(3));
        assertThat(r.tables().get(StatsSchemas.ENTITY_WEEKS)).extracting(row -> row.get("canonical")).isNotEmpty();
        assertThat(r.report()).endsWith("report/news-etl-report.html");
        assertThat(out.resolve("_staging")).as("the stats step leaves no staging behind").doesNotExist();

        // An ad-hoc range goes to its own folder and leaves the nightly statistics as they were.
        StatsJob.Result adhoc = StatsJob.run(spark(), out.toString(), new StatsJob.Settings(
                LocalDate.parse("2018-05-14"), LocalDate.parse("2018-05-14"), 3, 2), out.resolve("adhoc/may14").toString());
        assertThat(adhoc.report()).contains("adhoc/may14/report/news-etl-report.html");
        assertThat(out.resolve("adhoc/may14/stats/stats_daily")).isDirectory();
        assertThat(spark().read().parquet(out.resolve("stats/stats_daily").toString()).count())
                .isEqualTo(r.tables().get(StatsSchemas.DAILY).size());
        // A range's names are rolled up from its own dates: the day's top names are those its mentions give.
        List<String> dayTop = spark().read().parquet(out.resolve("entities").toString())
                .where("pub_date = DATE'2018-05-14'").groupBy("type", "canonical").count()
                .selectExpr("type", "canonical", "count", "row_number() OVER (PARTITION BY type "
                        + "ORDER BY count DESC, canonical) AS rank").where("rank <= 3")
                .collectAsList().stream().map(x -> x.get(0) + " " + x.get(3) + " " + x.get(1) + " " + x.get(2))
                .sorted().toList();
        assertThat(adhoc.tables().get(StatsSchemas.TOP_ENTITIES)).extracting(m -> m.get("type") + " " + m.get("rank")
                + " " + m.get("canonical") + " " + m.get("mentions")).isNotEmpty().containsExactlyInAnyOrderElementsOf(dayTop);
        assertThat(StatsJob.articlesIn(spark(), out.toString(), LocalDate.parse("2030-01-01"), null)).isZero();
        assertThat(StatsJob.articlesIn(spark(), out.toString(), null, null)).isEqualTo(19);
    }

    @Test
    void aWeekAcrossANewYearIsOneWeekInTheNamesTables(@TempDir Path out) {
        // The names aggregate's roll-ups are kept per year of their dates: the week of Monday 2019-12-30 has a row
        // in 2019 and one in 2020, and the statistics sum them.
        Dataset<Row> names = spark().sql("""
                SELECT CAST(d AS DATE) AS pub_date, CAST(r AS DATE) AS run_date, 'PER' AS type, c AS canonical,
                       CAST(m AS BIGINT) AS mentions, CAST(a AS BIGINT) AS articles, substr(d, 1, 4) AS year
                FROM VALUES ('2019-12-31', '2020-01-01', 'Kim', 3, 2), ('2020-01-02', '2020-01-03', 'Kim', 4, 1),
                            ('2020-01-02', '2020-01-03', 'Lee', 5, 5), ('2020-01-06', '2020-01-07', 'Lee', 1, 1)
                            AS t(d, r, c, m, a)""");
        Map<String, Dataset<Row>> rolled = DateAggregates.rollups(spark(), Map.of("names", names));
        assertThat(rolled.get("name_weeks").where("canonical = 'Kim'").count()).isEqualTo(2);
        assertThat(rolled.get("name_years").count()).isEqualTo(3);

        Map<String, Dataset<Row>> agg = new java.util.LinkedHashMap<>(DateAggregates.none(spark()));
        agg.put("names", names);
        agg.putAll(DateAggregates.rollups(spark(), agg));
        Map<io.newsetl.output.TableSchema, Dataset<Row>> tables = StatsJob.rollup(spark(), out.toString(), agg,
                new StatsJob.Settings(null, null, 5, 5));
        assertThat(tables.get(StatsSchemas.WEEKLY_TOP).orderBy("week_start", "rank").collectAsList())
                .extracting(Row::toString).containsExactly("[2019-12-30,PER,1,Kim,7]", "[2019-12-30,PER,2,Lee,5]",
                        "[2020-01-06,PER,1,Lee,1]");
        assertThat(tables.get(StatsSchemas.TOP_ENTITIES).orderBy("rank").collectAsList()).extracting(Row::toString)
                .containsExactly("[PER,1,Kim,7,3]", "[PER,2,Lee,6,6]");
        assertThat(tables.get(StatsSchemas.ENTITY_WEEKS).orderBy("week_start", "canonical").collectAsList())
                .extracting(Row::toString).containsExactly("[2019-12-30,PER,Kim,7]", "[2019-12-30,PER,Lee,5]",
                        "[2020-01-06,PER,Lee,1]");
        // A range rolls up its own dates the same way: 2020 alone splits that week.
        Map<io.newsetl.output.TableSchema, Dataset<Row>> in2020 = StatsJob.rollup(spark(), out.toString(), agg,
                new StatsJob.Settings(LocalDate.parse("2020-01-01"), null, 5, 5));
        assertThat(in2020.get(StatsSchemas.TOP_ENTITIES).orderBy("rank").collectAsList()).extracting(Row::toString)
                .containsExactly("[PER,1,Lee,6,6]", "[PER,2,Kim,4,1]");
    }
}
