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
 * The statistics' per-date aggregates: for each date and each night that wrote rows of it, what every statistics
 * table is rolled up from (counts per program, per section, per language, per length bucket, per name; the daily
 * row; the latest articles). A night computes its own contribution from the files its commit wrote, nothing else,
 * and merges it into the stored aggregates ({@code <output>/stats/_by_date/<aggregate>/year=YYYY/}, one file per
 * year): the years it touched are rewritten with every other night's rows as stored and its own replaced. The
 * statistics tables are then rolled up from the stored aggregates, never from the history's rows. A night's cost is
 * its own rows, the aggregate rows of the years it touched and a roll-up over a few files per aggregate (one per
 * year: the aggregates are small, and a file per month made the roll-up open hundreds of files after a few years).
 *
 * <p>An aggregate is keyed by its date column ({@code pub_date}, or {@code run_date} for rejects) and by
 * {@code run_date}: sums over nights and dates give the totals (an article, and so its mentions, has one pub_date
 * and one night: distinct article counts per date and night add up).
 *
 * <p>Roll-ups of the aggregates whose statistics are totals are stored beside them, per year of their pub_dates
 * ({@link #ROLLUPS}): the names by week and by year (the names aggregate grows with dates × names, far faster than
 * the others), the length buckets, languages and latest articles by year. A night recomputes those of the years it
 * touched from that year's merged rows, and the statistics of an open range read them, not the per-date rows: the
 * nightly roll-up reads weeks × names and years × the rest, plus the per-date tables' own rows.
 *
 * <pre>{@code
 * DateAggregates.Night night = new DateAggregates.Night(LocalDate.parse("2018-05-30"),
 *         Map.of("articles", Set.of("pub_date=2018-05-29")), Set.of(LocalDate.parse("2018-05-29")), Set.of());
 * DateAggregates.merge(spark, "/warehouse/news", DateAggregates.ofNight(spark, "/warehouse/news", night), night);
 * Map<String, Dataset<Row>> all = DateAggregates.stored(spark, "/warehouse/news");
 * }</pre>
 */
public final class DateAggregates {

    /** Where the aggregates live, under the output. */
    public static final String FOLDER = "stats/_by_date";

    private static final String V = "newsetl_agg_";

    /** The partition column of every aggregate: the year of its date column. */
    static final String PARTITION = "year";

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

    /**
     * A roll-up of one aggregate: its SQL over that aggregate's rows ({@code %rows}: whole years of them when stored,
     * a range's when the statistics roll up a range), which sums over nights and the dates of a week or of the year
     * (or, for the latest articles, keeps a year's most recent) and keeps each row's {@link #PARTITION year} (a week
     * that spans a new year has a row in each; the statistics sum them).
     */
    record Rollup(String source, String sql) {
    }

    /** Roll-up name → what it rolls up. Stored beside the aggregates and recomputed with the years they sum. */
    static final Map<String, Rollup> ROLLUPS = new LinkedHashMap<>();

    static {
        ROLLUPS.put("name_weeks", new Rollup("names", """
                SELECT CAST(date_trunc('week', pub_date) AS DATE) AS week_start, type, canonical,
                       sum(mentions) AS mentions, sum(articles) AS articles, year
                FROM %rows GROUP BY year, CAST(date_trunc('week', pub_date) AS DATE), type, canonical"""));
        ROLLUPS.put("name_years", new Rollup("names", """
                SELECT type, canonical, sum(mentions) AS mentions, sum(articles) AS articles, year
                FROM %rows GROUP BY year, type, canonical"""));
        ROLLUPS.put("length_years", new Rollup("lengths", """
                SELECT measure, bucket_start, bucket_end, sum(count) AS count, year
                FROM %rows GROUP BY year, measure, bucket_start, bucket_end"""));
        ROLLUPS.put("language_years", new Rollup("languages", """
                SELECT language, sum(articles) AS articles, year FROM %rows GROUP BY year, language"""));
        ROLLUPS.put("latest_years", new Rollup("latest", ("""
                SELECT published_at, pub_date, title, program, language, entity_count, article_id, year FROM (
                    SELECT *, row_number() OVER (PARTITION BY year ORDER BY published_at DESC NULLS LAST, article_id) AS k
                    FROM %rows)
                WHERE k <=\s""" + LATEST)));
    }

    /** Written beside the aggregates by {@link #rebuild}: aggregates without it (an earlier layout) are rebuilt. */
    static final String LAYOUT_MARKER = "_layout-4";

    /**
     * What a night's commit did, as the statistics need it.
     *
     * @param runDate  the night
     * @param received per table name, the partition folders ({@code pub_date=2018-05-29}) that received its files
     * @param pubDates the pub_dates whose rows the commit changed (received or lost files)
     * @param runDates the run_dates whose rejects changed
     */
    public record Night(LocalDate runDate, Map<String, Set<String>> received, Set<LocalDate> pubDates,
            Set<LocalDate> runDates) {
    }

    private DateAggregates() {
    }

    /** The aggregates of every committed row, and their {@link #ROLLUPS} (the {@code stats} command, a rebuild). */
    public static Map<String, Dataset<Row>> compute(SparkSession spark, String output) {
        return withRollups(spark, aggregate(spark, table -> TableWriter.read(spark, output, table)));
    }

    /** The aggregates of no row, and their roll-ups: their schemas. */
    public static Map<String, Dataset<Row>> none(SparkSession spark) {
        return withRollups(spark, aggregate(spark, table -> spark.createDataFrame(List.of(), table.structType())));
    }

    /** {@code agg} and its {@link #ROLLUPS}. */
    private static Map<String, Dataset<Row>> withRollups(SparkSession spark, Map<String, Dataset<Row>> agg) {
        Map<String, Dataset<Row>> out = new LinkedHashMap<>(agg);
        out.putAll(rollups(spark, agg));
        return out;
    }

    /**
     * The {@link #ROLLUPS} of the aggregates' rows in {@code agg} (whole years of them; the statistics also roll up a
     * range of dates this way), each with its {@link #PARTITION year} column; a roll-up whose aggregate is not in
     * {@code agg} is left out.
     */
    static Map<String, Dataset<Row>> rollups(SparkSession spark, Map<String, Dataset<Row>> agg) {
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        ROLLUPS.forEach((name, r) -> {
            if (agg.containsKey(r.source())) {
                agg.get(r.source()).createOrReplaceTempView(V + "rollup_rows");
                out.put(name, spark.sql(r.sql().replace("%rows", V + "rollup_rows")));
            }
        });
        return out;
    }

    /**
     * One night's contribution: the aggregates of the files its commit wrote ({@code part-r<YYYYMMDD>-*} in the
     * partitions that received them), read without listing or reading anything else. No roll-up: {@link #merge}
     * recomputes those of the years it touched from their merged rows.
     */
    public static Map<String, Dataset<Row>> ofNight(SparkSession spark, String output, Night night) {
        return aggregate(spark, table -> TableWriter.readNightFiles(spark, output, table,
                night.received().getOrDefault(table.name(), Set.of()), night.runDate()));
    }

    private static Map<String, Dataset<Row>> aggregate(SparkSession spark,
            java.util.function.Function<io.newsetl.output.TableSchema, Dataset<Row>> rows) {
        rows.apply(TableSchemas.ARTICLES).createOrReplaceTempView(V + "articles");
        rows.apply(TableSchemas.DUPLICATES).createOrReplaceTempView(V + "duplicates");
        rows.apply(TableSchemas.ENTITIES).createOrReplaceTempView(V + "entities");
        rows.apply(TableSchemas.REJECTS).createOrReplaceTempView(V + "rejects");
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("daily", """
                WITH a AS (SELECT pub_date, run_date, count(*) AS n, sum(repeats_removed) AS rep,
                                  sum(boilerplate_removed) AS bp, sum(body_chars) AS chars,
                                  count_if(pub_date_source IN ('run_date', 'out_of_range')) AS undated
                           FROM %articles GROUP BY pub_date, run_date),
                     d AS (SELECT pub_date, run_date, count_if(duplicate_kind = 'exact') AS ex,
                                  count_if(duplicate_kind = 'near') AS nr,
                                  sum(repeats_removed) AS rep, sum(boilerplate_removed) AS bp
                           FROM %duplicates GROUP BY pub_date, run_date),
                     e AS (SELECT pub_date, run_date, count(*) AS m FROM %entities GROUP BY pub_date, run_date)
                SELECT coalesce(a.pub_date, d.pub_date) AS pub_date, coalesce(a.run_date, d.run_date) AS run_date,
                       coalesce(a.n, 0) AS articles,
                       coalesce(d.ex, 0) AS exact_duplicates, coalesce(d.nr, 0) AS near_duplicates,
                       coalesce(a.rep, 0) + coalesce(d.rep, 0) AS repeats_removed,
                       coalesce(a.bp, 0) + coalesce(d.bp, 0) AS boilerplate_removed,
                       coalesce(e.m, 0) AS entity_mentions, coalesce(a.chars, 0) AS body_chars,
                       coalesce(a.undated, 0) AS undated_articles
                FROM a FULL OUTER JOIN d ON a.pub_date = d.pub_date AND a.run_date = d.run_date
                LEFT JOIN e ON e.pub_date = coalesce(a.pub_date, d.pub_date)
                           AND e.run_date = coalesce(a.run_date, d.run_date)""");
        sql.put("programs", """
                SELECT pub_date, run_date, coalesce(program, '(none)') AS program, count(*) AS articles
                FROM %articles GROUP BY pub_date, run_date, coalesce(program, '(none)')""");
        sql.put("sections", """
                SELECT pub_date, run_date, coalesce(section, '(none)') AS section, count(*) AS articles
                FROM %articles GROUP BY pub_date, run_date, coalesce(section, '(none)')""");
        sql.put("lengths", """
                WITH n AS (SELECT pub_date, run_date, 'article_chars' AS measure, body_chars AS n FROM %articles
                           UNION ALL
                           SELECT pub_date, run_date, 'paragraph_chars', length(p)
                           FROM %articles LATERAL VIEW explode(split(body, '\\n\\n')) t AS p),
                     b AS (SELECT pub_date, run_date, measure,
                                  IF(n < 1, 0, CAST(pow(2, floor(log2(n))) AS INT)) AS bucket_start FROM n)
                SELECT pub_date, run_date, measure, bucket_start, IF(bucket_start = 0, 1, bucket_start * 2) AS bucket_end,
                       count(*) AS count
                FROM b GROUP BY pub_date, run_date, measure, bucket_start""");
        sql.put("languages", """
                SELECT pub_date, run_date, coalesce(language, 'und') AS language, count(*) AS articles FROM %articles
                GROUP BY pub_date, run_date, coalesce(language, 'und')""");
        sql.put("names", """
                SELECT pub_date, run_date, type, canonical, count(*) AS mentions, count(DISTINCT article_id) AS articles
                FROM %entities GROUP BY pub_date, run_date, type, canonical""");
        sql.put("latest", ("""
                SELECT published_at, pub_date, run_date, title, program, language, entity_count, article_id FROM (
                    SELECT *, row_number() OVER (PARTITION BY pub_date, run_date
                                                 ORDER BY published_at DESC NULLS LAST, article_id) AS k
                    FROM %articles)
                WHERE k <=\s""" + LATEST));
        sql.put("rejects", """
                SELECT run_date, reason, count(*) AS files FROM %rejects GROUP BY run_date, reason""");
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        sql.forEach((name, q) -> out.put(name, withYear(spark.sql(q.replace("%", V)), DATE_COLUMN.get(name))));
        return out;
    }

    /**
     * The stored aggregates (every date), or null when there are none yet (a new output, or one written by an
     * earlier release or layout: then {@link #rebuild}).
     */
    public static Map<String, Dataset<Row>> stored(SparkSession spark, String output) {
        if (!isStored(spark, output)) {
            return null;
        }
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        none(spark).forEach((name, schema) -> out.put(name, spark.read().schema(schema.schema())
                .parquet(new Path(output, FOLDER + "/" + name).toString())));
        return out;
    }

    /**
     * Whether aggregates of this layout are stored for every aggregate (the marker and the folders; nothing listed,
     * unlike {@link #stored}, whose reads list the files).
     */
    public static boolean isStored(SparkSession spark, String output) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        if (!exists(conf, new Path(output, FOLDER + "/" + LAYOUT_MARKER))) {
            return false;
        }
        for (String name : names()) {
            if (!exists(conf, new Path(output, FOLDER + "/" + name))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces every stored aggregate by {@code fresh} (computed over every date; its roll-ups, if any, are not read:
     * they are summed from the aggregates as written, so that the tables are aggregated once), and marks them with
     * this layout alone (an earlier build's marker is removed, so that such a build rebuilds rather than merges into
     * aggregates whose roll-ups it would not update).
     */
    public static void rebuild(SparkSession spark, String output, Map<String, Dataset<Row>> fresh) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String staging = output + "/_staging/by-date-" + System.currentTimeMillis();
        Map<String, Dataset<Row>> aggregates = new LinkedHashMap<>();
        DATE_COLUMN.keySet().forEach(name -> aggregates.put(name, fresh.get(name)));
        writeAll(aggregates, staging);
        Map<String, Dataset<Row>> written = new LinkedHashMap<>();
        aggregates.forEach((name, rows) -> written.put(name, spark.read().schema(rows.schema())
                .parquet(staging + "/" + name)));
        writeAll(rollups(spark, written), staging);
        for (String name : names()) {
            TableWriter.replace(conf, staging + "/" + name, output + "/" + FOLDER + "/" + name);
        }
        TableWriter.deleteStaging(conf, output, staging);
        try {
            Path folder = new Path(output, FOLDER);
            FileSystem fs = folder.getFileSystem(conf);
            for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(folder, p -> p.getName().startsWith("_layout-"))) {
                fs.delete(f.getPath(), false);
            }
            fs.create(new Path(folder, LAYOUT_MARKER), true).close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot mark the statistics' aggregates under " + output + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Merges {@code fresh}, the night's own aggregates ({@link #ofNight}), into the stored ones: each year that holds
     * a date the night changed is rewritten with the other nights' rows as stored and this night's as computed (a
     * rerun's rows of a date it no longer has are dropped), and so are the {@link #ROLLUPS} of the rewritten years,
     * from their merged rows. Years without a changed date are not read.
     */
    public static void merge(SparkSession spark, String output, Map<String, Dataset<Row>> fresh, Night night) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String staging = output + "/_staging/by-date-" + System.currentTimeMillis();
        Map<String, SortedSet<String>> years = new LinkedHashMap<>();
        Map<String, Dataset<Row>> merging = new LinkedHashMap<>();
        for (Map.Entry<String, Dataset<Row>> e : fresh.entrySet()) {
            String dateColumn = DATE_COLUMN.get(e.getKey());
            Set<LocalDate> dates = dateColumn.equals("run_date") ? night.runDates() : night.pubDates();
            SortedSet<String> touched = new TreeSet<>();
            dates.forEach(d -> touched.add(year(d)));
            years.put(e.getKey(), touched);
            if (touched.isEmpty()) {
                continue;
            }
            Path stored = new Path(output, FOLDER + "/" + e.getKey());
            Dataset<Row> kept = spark.read().schema(e.getValue().schema()).parquet(stored.toString())
                    .where(functions.col(PARTITION).isin(touched.toArray()))
                    .where(functions.col("run_date").notEqual(functions.lit(java.sql.Date.valueOf(night.runDate()))));
            merging.put(e.getKey(), kept.unionByName(e.getValue()));
        }
        writeAll(merging, staging);
        // The roll-ups of the touched years, from those years' merged rows as staged.
        Map<String, Dataset<Row>> merged = new LinkedHashMap<>();
        for (Rollup r : ROLLUPS.values()) {
            if (!years.get(r.source()).isEmpty()) {
                merged.put(r.source(), spark.read().schema(fresh.get(r.source()).schema())
                        .parquet(staging + "/" + r.source()));
            }
        }
        Map<String, Dataset<Row>> rolled = rollups(spark, merged);
        writeAll(rolled, staging);
        rolled.keySet().forEach(name -> years.put(name, years.get(ROLLUPS.get(name).source())));
        try {
            for (Map.Entry<String, SortedSet<String>> e : years.entrySet()) {
                for (String y : e.getValue()) {
                    Path staged = new Path(staging + "/" + e.getKey() + "/" + PARTITION + "=" + y);
                    Path target = new Path(output, FOLDER + "/" + e.getKey() + "/" + PARTITION + "=" + y);
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

    /** Every stored aggregate's name: the aggregates, then their roll-ups. */
    static List<String> names() {
        List<String> out = new java.util.ArrayList<>(DATE_COLUMN.keySet());
        out.addAll(ROLLUPS.keySet());
        return out;
    }

    /** The pub_dates ({@code pub_date=...}) or run_dates named by a commit's changed partition folders. */
    public static Set<LocalDate> datesOf(Set<String> partitionFolders) {
        Set<LocalDate> out = new TreeSet<>();
        for (String f : partitionFolders) {
            out.add(LocalDate.parse(f.substring(f.indexOf('=') + 1)));
        }
        return out;
    }

    /** The partition of an aggregate row: the year of its date (a string, as a partition folder names it). */
    static String year(LocalDate d) {
        return String.format(java.util.Locale.ROOT, "%04d", d.getYear());
    }

    private static Dataset<Row> withYear(Dataset<Row> rows, String dateColumn) {
        return rows.withColumn(PARTITION, functions.lpad(functions.year(functions.col(dateColumn)).cast("string"), 4,
                "0"));
    }

    /** Writes each aggregate under {@code staging/<name>}, all at once ({@link Concurrently}). */
    private static void writeAll(Map<String, Dataset<Row>> aggregates, String staging) {
        List<java.util.concurrent.Callable<Void>> jobs = new java.util.ArrayList<>();
        aggregates.forEach((name, rows) -> jobs.add(() -> {
            write(rows, staging + "/" + name);
            return null;
        }));
        Concurrently.run(jobs);
    }

    /** One file per year, rows sorted by date: the aggregates are small. */
    private static void write(Dataset<Row> rows, String path) {
        Column[] order = {functions.col(PARTITION), functions.col(rows.columns()[0])};
        rows.repartition(functions.col(PARTITION)).sortWithinPartitions(order).write().mode(SaveMode.Overwrite)
                .partitionBy(PARTITION).parquet(path);
    }

    private static boolean exists(Configuration conf, Path p) {
        try {
            return p.getFileSystem(conf).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
