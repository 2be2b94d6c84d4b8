package io.newsetl.stats;

import io.newsetl.output.TableSchema;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the statistics tables ({@link StatsSchemas}) of an output folder, over a range of dates, writes them
 * under {@code <output>/stats/}, and renders the report into {@code <output>/report/}. Every table is rolled up from
 * per-date aggregates ({@link DateAggregates}): a night recomputes those of the dates it changed and reads the
 * stored ones for the rest ({@link #nightly}); the {@code stats} command computes them from the Parquet tables, as
 * any consumer would ({@link #run}).
 *
 * <pre>{@code
 * StatsJob.Result r = StatsJob.run(spark, "/data/news-etl", new StatsJob.Settings(null, null, 20, 5));
 * r.report();   // /data/news-etl/report/news-etl-report.html
 * }</pre>
 */
public final class StatsJob {

    private static final Logger LOG = LoggerFactory.getLogger(StatsJob.class);

    /**
     * What to compute: {@code from}/{@code to} bound {@code pub_date} (and {@code run_date} for rejects and runs),
     * inclusive, null for open; the top {@code topEntities} names per type; weekly trends of the first
     * {@code trendEntities} of them.
     */
    public record Settings(LocalDate from, LocalDate to, int topEntities, int trendEntities) {
    }

    /** The tables as computed (small: collected to the driver) and where the report went. */
    public record Result(Map<TableSchema, List<Map<String, Object>>> tables, String report, double seconds) {
    }

    private StatsJob() {
    }

    public static Result run(SparkSession spark, String output, Settings s) {
        return run(spark, output, s, output);
    }

    /**
     * The statistics of the tables under {@code output} over the settings' range, computed from the tables (no
     * stored aggregate is read or changed), written under {@code destination}: {@code stats/} and {@code report/}.
     * The {@code stats} command: an ad-hoc range goes to its own folder, so that it never replaces the nightly ones.
     */
    public static Result run(SparkSession spark, String output, Settings s, String destination) {
        long t0 = System.nanoTime();
        return write(spark, output, rollup(spark, output, DateAggregates.compute(spark, output), s), s, destination, t0);
    }

    /**
     * The nightly statistics: the night's own aggregates, computed from the files its commit wrote, replace its
     * earlier ones in the stored aggregates ({@link DateAggregates}), and the statistics tables are rolled up from
     * those.
     *
     * @param night   what the night's commit wrote and changed
     * @param rebuild recompute every date's aggregates from the tables (the stored ones may be stale: an earlier
     *                statistics step failed or never ran); also done when none are stored yet
     */
    public static Result nightly(SparkSession spark, String output, Settings s, DateAggregates.Night night,
            boolean rebuild) {
        if (rebuild || !DateAggregates.isStored(spark, output)) {
            return rebuild(spark, output, s);
        }
        long t0 = System.nanoTime();
        LOG.info("stats: the night's aggregates merged ({} pub_dates and {} run_dates changed)",
                night.pubDates().size(), night.runDates().size());
        DateAggregates.merge(spark, output, DateAggregates.ofNight(spark, output, night), night);
        return write(spark, output, rollup(spark, output, DateAggregates.stored(spark, output), s), s, output, t0);
    }

    /**
     * Every date's aggregates recomputed from the tables and stored, then the statistics tables rolled up from them
     * ({@code reprocess}, and a night after a failed statistics step).
     */
    public static Result rebuild(SparkSession spark, String output, Settings s) {
        long t0 = System.nanoTime();
        LOG.info("stats: every date's aggregates recomputed");
        DateAggregates.rebuild(spark, output, DateAggregates.compute(spark, output));
        return write(spark, output, rollup(spark, output, DateAggregates.stored(spark, output), s), s, output, t0);
    }

    private static Result write(SparkSession spark, String output, Map<TableSchema, Dataset<Row>> computed,
            Settings s, String destination, long t0) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String staging = output + "/_staging/stats-" + System.currentTimeMillis();
        // The tables are small and independent: written at once, each then collected for the report.
        List<java.util.concurrent.Callable<List<Map<String, Object>>>> jobs = new ArrayList<>();
        computed.forEach((t, table) -> jobs.add(() -> {
            Dataset<Row> rows = t.project(table).orderBy(t.sortColumns().stream()
                    .map(c -> t == StatsSchemas.LATEST ? functions.col(c).desc() : functions.col(c))
                    .toArray(org.apache.spark.sql.Column[]::new)).coalesce(1).persist();
            rows.write().mode(org.apache.spark.sql.SaveMode.Overwrite).parquet(staging + "/" + t.name());
            List<Map<String, Object>> maps = toMaps(rows.collectAsList(), t);
            rows.unpersist();
            return maps;
        }));
        List<List<Map<String, Object>>> results = Concurrently.run(jobs);
        Map<TableSchema, List<Map<String, Object>>> collected = new LinkedHashMap<>();
        int i = 0;
        for (TableSchema t : computed.keySet()) {
            collected.put(t, results.get(i++));
        }
        for (TableSchema t : computed.keySet()) {
            TableWriter.replace(conf, staging + "/" + t.name(), destination + "/stats/" + t.name());
        }
        TableWriter.deleteStaging(conf, output, staging);
        String report = ReportWriter.write(conf, destination + "/report", collected, s, output);
        double seconds = (System.nanoTime() - t0) / 1e9;
        LOG.info("stage=stats tables={} report={} seconds={}", collected.size(), report, String.format("%.2f", seconds));
        return new Result(collected, report, seconds);
    }

    /** Articles whose pub_date lies in the range (either end may be null: open). */
    public static long articlesIn(SparkSession spark, String output, LocalDate from, LocalDate to) {
        return byDate(TableWriter.read(spark, output, TableSchemas.ARTICLES), "pub_date",
                new Settings(from, to, 1, 0)).count();
    }

    /** The statistics over the settings' range, computed from the tables (not yet written). */
    public static Map<TableSchema, Dataset<Row>> compute(SparkSession spark, String output, Settings s) {
        return rollup(spark, output, DateAggregates.compute(spark, output), s);
    }

    /**
     * The statistics tables rolled up from per-date aggregates ({@link DateAggregates}) within the settings' range
     * (the tables of totals and of names from the aggregates' {@link DateAggregates#ROLLUPS} when the range is open,
     * as stored or as computed with the aggregates, or from the range's rows rolled up the same way); only
     * {@code stats_runs} reads a table (runs: one row per night).
     */
    static Map<TableSchema, Dataset<Row>> rollup(SparkSession spark, String output, Map<String, Dataset<Row>> agg,
            Settings s) {
        String v = "newsetl_stats_";
        Map<String, Dataset<Row>> inRange = new LinkedHashMap<>();
        DateAggregates.DATE_COLUMN.forEach((name, date) -> inRange.put(name, byDate(agg.get(name), date, s)));
        // Every date's roll-ups as given (stored, or computed with the aggregates), or the range's rolled up again.
        Map<String, Dataset<Row>> rolled = s.from() == null && s.to() == null ? agg
                : DateAggregates.rollups(spark, inRange);
        inRange.forEach((name, rows) -> rows.drop(DateAggregates.PARTITION).createOrReplaceTempView(v + name));
        DateAggregates.ROLLUPS.keySet().forEach(name -> rolled.get(name).drop(DateAggregates.PARTITION)
                .createOrReplaceTempView(v + name));
        byDate(TableWriter.read(spark, output, TableSchemas.RUNS), "run_date", s).createOrReplaceTempView(v + "runs");

        Map<TableSchema, Dataset<Row>> out = new LinkedHashMap<>();
        // The aggregates are per date and night: the tables sum the nights.
        out.put(StatsSchemas.DAILY, spark.sql(("""
                SELECT pub_date, sum(articles) AS articles, sum(exact_duplicates) AS exact_duplicates,
                       sum(near_duplicates) AS near_duplicates, sum(repeats_removed) AS repeats_removed,
                       sum(boilerplate_removed) AS boilerplate_removed, sum(entity_mentions) AS entity_mentions,
                       IF(sum(articles) = 0, NULL, sum(body_chars) / sum(articles)) AS mean_body_chars,
                       sum(undated_articles) AS undated_articles
                FROM %daily GROUP BY pub_date""").replace("%", v)));
        out.put(StatsSchemas.PROGRAMS, spark.sql(("""
                SELECT pub_date, program, sum(articles) AS articles FROM %programs GROUP BY pub_date, program""")
                .replace("%", v)));
        out.put(StatsSchemas.SECTIONS, spark.sql(("""
                SELECT pub_date, section, sum(articles) AS articles FROM %sections GROUP BY pub_date, section""")
                .replace("%", v)));
        out.put(StatsSchemas.REJECTS, spark.table(v + "rejects"));
        out.put(StatsSchemas.LENGTHS, spark.sql(("""
                SELECT measure, bucket_start, bucket_end, sum(count) AS count FROM %length_years
                GROUP BY measure, bucket_start, bucket_end""").replace("%", v)));
        out.put(StatsSchemas.LANGUAGES, spark.sql(("""
                SELECT language, sum(articles) AS articles FROM %language_years GROUP BY language""").replace("%", v)));
        // An article has one pub_date: its mentions' distinct articles per date add up to distinct articles. The
        // names' tables read their roll-ups by year and week (a week that spans a new year has a row in each).
        Dataset<Row> top = spark.sql(("""
                SELECT type, CAST(row_number() OVER (PARTITION BY type ORDER BY mentions DESC, canonical) AS INT) AS rank,
                       canonical, mentions, articles
                FROM (SELECT type, canonical, sum(mentions) AS mentions, sum(articles) AS articles
                      FROM %name_years GROUP BY type, canonical)""").replace("%", v))
                .where(functions.col("rank").leq(s.topEntities()));
        out.put(StatsSchemas.TOP_ENTITIES, top);
        top.where(functions.col("rank").leq(s.trendEntities())).createOrReplaceTempView(v + "leaders");
        out.put(StatsSchemas.ENTITY_WEEKS, spark.sql(("""
                SELECT e.week_start, e.type, e.canonical, sum(e.mentions) AS mentions
                FROM %name_weeks e JOIN %leaders l ON e.type = l.type AND e.canonical = l.canonical
                GROUP BY e.week_start, e.type, e.canonical""").replace("%", v)));
        out.put(StatsSchemas.WEEKLY_TOP, spark.sql(("""
                SELECT week_start, type, CAST(rank AS INT) AS rank, canonical, mentions FROM (
                    SELECT week_start, type, canonical, mentions,
                           row_number() OVER (PARTITION BY week_start, type ORDER BY mentions DESC, canonical) AS rank
                    FROM (SELECT week_start, type, canonical, sum(mentions) AS mentions
                          FROM %name_weeks GROUP BY 1, 2, 3))""").replace("%", v))
                .where(functions.col("rank").leq(s.trendEntities())));
        out.put(StatsSchemas.RUNS, spark.sql(("""
                SELECT run_date, status, input_files, input_bytes, articles, duplicates, rejects, entities,
                       aggregate(map_values(stage_seconds), CAST(0 AS DOUBLE), (acc, x) -> acc + x) AS seconds
                FROM %runs""").replace("%", v)));
        out.put(StatsSchemas.LATEST, spark.sql(("""
                SELECT published_at, pub_date, title, program, language, entity_count, article_id FROM %latest_years
                ORDER BY published_at DESC NULLS LAST, article_id LIMIT\s""" + DateAggregates.LATEST).replace("%", v)));
        return out;
    }

    private static Dataset<Row> byDate(Dataset<Row> t, String column, Settings s) {
        if (s.from() != null) {
            t = t.where(functions.col(column).geq(functions.lit(java.sql.Date.valueOf(s.from()))));
        }
        if (s.to() != null) {
            t = t.where(functions.col(column).leq(functions.lit(java.sql.Date.valueOf(s.to()))));
        }
        return t;
    }

    private static List<Map<String, Object>> toMaps(List<Row> rows, TableSchema t) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (io.newsetl.output.Column c : t.columns()) {
                Object value = r.getAs(c.name());
                m.put(c.name(), value instanceof java.sql.Date d ? d.toLocalDate()
                        : value instanceof java.sql.Timestamp ts ? ts.toInstant() : value);
            }
            out.add(m);
        }
        return out;
    }
}
