package io.newsetl.stats;

import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The statistics' per-date aggregates: for each date, what every statistics table is rolled up from (counts per
 * program, per section, per language, per length bucket, per name; the date's daily row; its latest articles).
 * A night recomputes the aggregates of the dates its commit changed, from those dates' partitions alone, and
 * merges them into the stored ones ({@code <output>/stats/_by_date/<aggregate>/month=YYYY-MM/}); the statistics
 * tables are then rolled up from the stored aggregates, never from the history's rows.
 *
 * <p>An aggregate is keyed by its date column ({@code pub_date}, or {@code run_date} for rejects): sums over dates
 * give the totals (an article, and so its mentions, has one pub_date: per-date distinct article counts add up).
 *
 * <pre>{@code
 * Set<LocalDate> dates = Set.of(LocalDate.parse("2018-05-30"));
 * Map<String, Dataset<Row>> fresh = DateAggregates.compute(spark, "/warehouse/news", dates, dates);
 * DateAggregates.merge(spark, "/warehouse/news", fresh, dates, dates);   // those dates replaced in the stored ones
 * Map<String, Dataset<Row>> all = DateAggregates.stored(spark, "/warehouse/news",
 *         DateAggregates.compute(spark, "/warehouse/news", Set.of(), Set.of()));
 * }</pre>
 */
public final class DateAggregates {

    /** Where the aggregates live, under the output. */
    public static final String FOLDER = "stats/_by_date";

    private static final String V = "newsetl_agg_";

    /** Aggregate name → its date column; the SQL of each is in {@link #compute}. */
    static final Map<String, String> DATE_COLUMN = new LinkedHashMap<>();

    static {
        for (String n : List.of("daily", "programs", "sections", "lengths", "languages", "names", "latest")) {
            DATE_COLUMN.put(n, "pub_date");
        }
        DATE_COLUMN.put("rejects", "run_date");
    }

    /** The most recent articles kept per date: the report lists this many overall. */
    static final int LATEST = 20;

    private DateAggregates() {
    }

    /**
     * The aggregates of the given dates, computed from the tables' partitions of those dates only (null: every
     * date; an empty set: none).
     *
     * @param pubDates dates of {@code articles}, {@code duplicates} and {@code entities} ({@code pub_date})
     * @param runDates nights of {@code rejects} ({@code run_date})
     */
    public static Map<String, Dataset<Row>> compute(SparkSession spark, String output, Set<LocalDate> pubDates,
            Set<LocalDate> runDates) {
        only(spark, output, TableSchemas.ARTICLES, pubDates).createOrReplaceTempView(V + "articles");
        only(spark, output, TableSchemas.DUPLICATES, pubDates).createOrReplaceTempView(V + "duplicates");
        only(spark, output, TableSchemas.ENTITIES, pubDates).createOrReplaceTempView(V + "entities");
        only(spark, output, TableSchemas.REJECTS, runDates).createOrReplaceTempView(V + "rejects");
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("daily", """
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
                LEFT JOIN e ON e.pub_date = coalesce(a.pub_date, d.pub_date)""");
        sql.put("programs", """
                SELECT pub_date, coalesce(program, '(none)') AS program, count(*) AS articles
                FROM %articles GROUP BY pub_date, coalesce(program, '(none)')""");
        sql.put("sections", """
                SELECT pub_date, coalesce(section, '(none)') AS section, count(*) AS articles
                FROM %articles GROUP BY pub_date, coalesce(section, '(none)')""");
        sql.put("lengths", """
                WITH n AS (SELECT pub_date, 'article_chars' AS measure, body_chars AS n FROM %articles
                           UNION ALL
                           SELECT pub_date, 'paragraph_chars', length(p)
                           FROM %articles LATERAL VIEW explode(split(body, '\\n\\n')) t AS p),
                     b AS (SELECT pub_date, measure, IF(n < 1, 0, CAST(pow(2, floor(log2(n))) AS INT)) AS bucket_start FROM n)
                SELECT pub_date, measure, bucket_start, IF(bucket_start = 0, 1, bucket_start * 2) AS bucket_end,
                       count(*) AS count
                FROM b GROUP BY pub_date, measure, bucket_start""");
        sql.put("languages", """
                SELECT pub_date, coalesce(language, 'und') AS language, count(*) AS articles FROM %articles
                GROUP BY pub_date, coalesce(language, 'und')""");
        sql.put("names", """
                SELECT pub_date, type, canonical, count(*) AS mentions, count(DISTINCT article_id) AS articles
                FROM %entities GROUP BY pub_date, type, canonical""");
        sql.put("latest", ("""
                SELECT published_at, pub_date, title, program, language, entity_count, article_id FROM (
                    SELECT *, row_number() OVER (PARTITION BY pub_date
                                                 ORDER BY published_at DESC NULLS LAST, article_id) AS k
                    FROM %articles)
                WHERE k <=\s""" + LATEST));
        sql.put("rejects", """
                SELECT run_date, reason, count(*) AS files FROM %rejects GROUP BY run_date, reason""");
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        sql.forEach((name, q) -> out.put(name, withMonth(spark.sql(q.replace("%", V)), DATE_COLUMN.get(name))));
        return out;
    }

    /**
     * The stored aggregates (every date), or null when there are none yet (a new output, or one written by an
     * earlier release: then {@link #rebuild}).
     */
    public static Map<String, Dataset<Row>> stored(SparkSession spark, String output,
            Map<String, Dataset<Row>> schemas) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Dataset<Row>> e : schemas.entrySet()) {
            Path p = new Path(output, FOLDER + "/" + e.getKey());
            if (!exists(conf, p)) {
                return null;
            }
            out.put(e.getKey(), spark.read().schema(e.getValue().schema()).parquet(p.toString()));
        }
        return out;
    }

    /** Replaces every stored aggregate by {@code fresh} (computed over every date). */
    public static void rebuild(SparkSession spark, String output, Map<String, Dataset<Row>> fresh) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String staging = output + "/_staging/by-date-" + System.currentTimeMillis();
        for (Map.Entry<String, Dataset<Row>> e : fresh.entrySet()) {
            write(e.getValue(), staging + "/" + e.getKey());
        }
        for (String name : fresh.keySet()) {
            TableWriter.replace(conf, staging + "/" + name, output + "/" + FOLDER + "/" + name);
        }
        TableWriter.deleteStaging(conf, output, staging);
    }

    /**
     * Merges {@code fresh}, the aggregates of the changed dates, into the stored ones: each month that holds a
     * changed date is rewritten with its other dates as stored and the changed dates as computed (a date that lost
     * every row is dropped). Months without a changed date are not read.
     */
    public static void merge(SparkSession spark, String output, Map<String, Dataset<Row>> fresh,
            Set<LocalDate> pubDates, Set<LocalDate> runDates) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String staging = output + "/_staging/by-date-" + System.currentTimeMillis();
        Map<String, SortedSet<String>> months = new LinkedHashMap<>();
        for (Map.Entry<String, Dataset<Row>> e : fresh.entrySet()) {
            String dateColumn = DATE_COLUMN.get(e.getKey());
            Set<LocalDate> dates = dateColumn.equals("run_date") ? runDates : pubDates;
            SortedSet<String> touched = new TreeSet<>();
            dates.forEach(d -> touched.add(month(d)));
            months.put(e.getKey(), touched);
            if (touched.isEmpty()) {
                continue;
            }
            Path stored = new Path(output, FOLDER + "/" + e.getKey());
            Dataset<Row> kept = spark.read().schema(e.getValue().schema()).parquet(stored.toString())
                    .where(functions.col("month").isin(touched.toArray()))
                    .where(functions.not(functions.col(dateColumn).isin(dates.stream().map(java.sql.Date::valueOf).toArray())));
            write(kept.unionByName(e.getValue()), staging + "/" + e.getKey());
        }
        try {
            for (Map.Entry<String, SortedSet<String>> e : months.entrySet()) {
                for (String m : e.getValue()) {
                    Path staged = new Path(staging + "/" + e.getKey() + "/month=" + m);
                    Path target = new Path(output, FOLDER + "/" + e.getKey() + "/month=" + m);
                    FileSystem fs = target.getFileSystem(conf);
                    if (fs.exists(staged)) {
                        TableWriter.replace(conf, staged.toString(), target.toString());
                    } else {
                        fs.delete(target, true);
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot store the statistics' aggregates under " + output + ": "
                    + ex.getMessage(), ex);
        }
        TableWriter.deleteStaging(conf, output, staging);
    }

    /** The pub_dates ({@code pub_date=...}) or run_dates named by a commit's changed partition folders. */
    public static Set<LocalDate> datesOf(Set<String> partitionFolders) {
        Set<LocalDate> out = new TreeSet<>();
        for (String f : partitionFolders) {
            out.add(LocalDate.parse(f.substring(f.indexOf('=') + 1)));
        }
        return out;
    }

    static String month(LocalDate d) {
        return d.toString().substring(0, 7);
    }

    /** A table's rows of the given dates (its partitions), only their folders listed; null: every date. */
    private static Dataset<Row> only(SparkSession spark, String output, io.newsetl.output.TableSchema table,
            Set<LocalDate> dates) {
        if (dates == null) {
            return TableWriter.read(spark, output, table);
        }
        return TableWriter.readPartitions(spark, output, table, dates.stream().map(LocalDate::toString).toList());
    }

    private static Dataset<Row> withMonth(Dataset<Row> rows, String dateColumn) {
        return rows.withColumn("month", functions.date_format(functions.col(dateColumn), "yyyy-MM"));
    }

    /** One file per month, rows sorted by date: the aggregates are small. */
    private static void write(Dataset<Row> rows, String path) {
        Column[] order = {functions.col("month"), functions.col(rows.columns()[0])};
        rows.repartition(functions.col("month")).sortWithinPartitions(order).write().mode(SaveMode.Overwrite)
                .partitionBy("month").parquet(path);
    }

    private static boolean exists(Configuration conf, Path p) {
        try {
            return p.getFileSystem(conf).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
