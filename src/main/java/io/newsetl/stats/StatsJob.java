package io.newsetl.stats;

import io.newsetl.output.TableSchema;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the statistics tables ({@link StatsSchemas}) from the committed tables of an output folder, over a range
 * of dates, writes them under {@code <output>/stats/}, and renders the report into {@code <output>/report/}.
 * Reads only the Parquet tables, as any consumer would.
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
     * The statistics of the tables under {@code output}, written under {@code destination}: {@code stats/} and
     * {@code report/}. The nightly statistics go to the output itself; an ad-hoc range goes to its own folder, so
     * that it never replaces the nightly ones.
     */
    public static Result run(SparkSession spark, String output, Settings s, String destination) {
        long t0 = System.nanoTime();
        Map<TableSchema, Dataset<Row>> computed = compute(spark, output, s);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String staging = output + "/_staging/stats-" + System.currentTimeMillis();
        Map<TableSchema, List<Map<String, Object>>> collected = new LinkedHashMap<>();
        for (Map.Entry<TableSchema, Dataset<Row>> e : computed.entrySet()) {
            TableSchema t = e.getKey();
            Dataset<Row> rows = t.project(e.getValue()).orderBy(t.sortColumns().stream()
                    .map(c -> t == StatsSchemas.LATEST ? functions.col(c).desc() : functions.col(c))
                    .toArray(org.apache.spark.sql.Column[]::new)).coalesce(1).persist();
            rows.write().mode(org.apache.spark.sql.SaveMode.Overwrite).parquet(staging + "/" + t.name());
            collected.put(t, toMaps(rows.collectAsList(), t));
            rows.unpersist();
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

    /** The statistics as Datasets (not yet written). */
    public static Map<TableSchema, Dataset<Row>> compute(SparkSession spark, String output, Settings s) {
        Dataset<Row> articles = byDate(TableWriter.read(spark, output, TableSchemas.ARTICLES), "pub_date", s);
        Dataset<Row> duplicates = byDate(TableWriter.read(spark, output, TableSchemas.DUPLICATES), "pub_date", s);
        Dataset<Row> entities = byDate(TableWriter.read(spark, output, TableSchemas.ENTITIES), "pub_date", s);
        Dataset<Row> rejects = byDate(TableWriter.read(spark, output, TableSchemas.REJECTS), "run_date", s);
        Dataset<Row> runs = byDate(TableWriter.read(spark, output, TableSchemas.RUNS), "run_date", s);
        String v = "newsetl_stats_";
        articles.createOrReplaceTempView(v + "articles");
        duplicates.createOrReplaceTempView(v + "duplicates");
        entities.createOrReplaceTempView(v + "entities");
        rejects.createOrReplaceTempView(v + "rejects");
        runs.createOrReplaceTempView(v + "runs");

        Map<TableSchema, Dataset<Row>> out = new LinkedHashMap<>();
        out.put(StatsSchemas.DAILY, spark.sql(("""
                WITH a AS (SELECT pub_date, count(*) AS n, sum(repeats_removed) AS rep, sum(boilerplate_removed) AS bp,
                                  avg(body_chars) AS mean_chars,
                                  count_if(pub_date_source IN ('run_date', 'out_of_range')) AS undated
                           FROM %articles GROUP BY pub_date),
                     d AS (SELECT pub_date, count_if(duplicate_kind = 'exact') AS ex, count_if(duplicate_kind = 'near') AS nr,
                                  sum(repeats_removed) AS rep, sum(boilerplate_removed) AS bp
                           FROM %duplicates GROUP BY pub_date),
                     e AS (SELECT pub_date, count(*) AS m FROM %entities GROUP BY pub_date)
                SELECT coalesce(a.pub_date, d.pub_date) AS pub_date, coalesce(a.n, 0) AS articles,
                       coalesce(d.ex, 0) AS exact_duplicates, coalesce(d.nr, 0) AS near_duplicates,
                       coalesce(a.rep, 0) + coalesce(d.rep, 0) AS repeats_removed,
                       coalesce(a.bp, 0) + coalesce(d.bp, 0) AS boilerplate_removed,
                       coalesce(e.m, 0) AS entity_mentions, a.mean_chars AS mean_body_chars,
                       coalesce(a.undated, 0) AS undated_articles
                FROM a FULL OUTER JOIN d ON a.pub_date = d.pub_date
                LEFT JOIN e ON e.pub_date = coalesce(a.pub_date, d.pub_date)""").replace("%", v)));
        out.put(StatsSchemas.PROGRAMS, spark.sql(("""
                SELECT pub_date, coalesce(program, '(none)') AS program, count(*) AS articles
                FROM %articles GROUP BY pub_date, coalesce(program, '(none)')""").replace("%", v)));
        out.put(StatsSchemas.SECTIONS, spark.sql(("""
                SELECT pub_date, coalesce(section, '(none)') AS section, count(*) AS articles
                FROM %articles GROUP BY pub_date, coalesce(section, '(none)')""").replace("%", v)));
        out.put(StatsSchemas.REJECTS, spark.sql(("""
                SELECT run_date, reason, count(*) AS files FROM %rejects GROUP BY run_date, reason""").replace("%", v)));
        out.put(StatsSchemas.LENGTHS, spark.sql(("""
                WITH n AS (SELECT 'article_chars' AS measure, body_chars AS n FROM %articles
                           UNION ALL
                           SELECT 'paragraph_chars', length(p) FROM %articles LATERAL VIEW explode(split(body, '\\n\\n')) t AS p),
                     b AS (SELECT measure, IF(n < 1, 0, CAST(pow(2, floor(log2(n))) AS INT)) AS bucket_start FROM n)
                SELECT measure, bucket_start, IF(bucket_start = 0, 1, bucket_start * 2) AS bucket_end, count(*) AS count
                FROM b GROUP BY measure, bucket_start""").replace("%", v)));
        out.put(StatsSchemas.LANGUAGES, spark.sql(("""
                SELECT coalesce(language, 'und') AS language, count(*) AS articles FROM %articles
                GROUP BY coalesce(language, 'und')""").replace("%", v)));
        Dataset<Row> top = spark.sql(("""
                SELECT type, CAST(row_number() OVER (PARTITION BY type ORDER BY mentions DESC, canonical) AS INT) AS rank,
                       canonical, mentions, articles
                FROM (SELECT type, canonical, count(*) AS mentions, count(DISTINCT article_id) AS articles
                      FROM %entities GROUP BY type, canonical)""").replace("%", v))
                .where(functions.col("rank").leq(s.topEntities()));
        out.put(StatsSchemas.TOP_ENTITIES, top);
        top.where(functions.col("rank").leq(s.trendEntities())).createOrReplaceTempView(v + "leaders");
        out.put(StatsSchemas.ENTITY_WEEKS, spark.sql(("""
                SELECT CAST(date_trunc('week', e.pub_date) AS DATE) AS week_start, e.type, e.canonical, count(*) AS mentions
                FROM %entities e JOIN %leaders l ON e.type = l.type AND e.canonical = l.canonical
                GROUP BY CAST(date_trunc('week', e.pub_date) AS DATE), e.type, e.canonical""").replace("%", v)));
        out.put(StatsSchemas.WEEKLY_TOP, spark.sql(("""
                SELECT week_start, type, CAST(rank AS INT) AS rank, canonical, mentions FROM (
                    SELECT week_start, type, canonical, mentions,
                           row_number() OVER (PARTITION BY week_start, type ORDER BY mentions DESC, canonical) AS rank
                    FROM (SELECT CAST(date_trunc('week', pub_date) AS DATE) AS week_start, type, canonical,
                                 count(*) AS mentions
                          FROM %entities GROUP BY 1, 2, 3))""").replace("%", v))
                .where(functions.col("rank").leq(s.trendEntities())));
        out.put(StatsSchemas.RUNS, spark.sql(("""
                SELECT run_date, status, input_files, input_bytes, articles, duplicates, rejects, entities,
                       aggregate(map_values(stage_seconds), CAST(0 AS DOUBLE), (acc, x) -> acc + x) AS seconds
                FROM %runs""").replace("%", v)));
        out.put(StatsSchemas.LATEST, spark.sql(("""
                SELECT published_at, pub_date, title, program, language, entity_count, article_id FROM %articles
                ORDER BY published_at DESC NULLS LAST, article_id LIMIT 20""").replace("%", v)));
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
