package io.newsetl.stats;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.newsetl.output.Column;
import io.newsetl.output.TableSchema;
import java.util.List;

/**
 * The statistics tables written by {@code stats} under {@code <output>/stats/}: small aggregates of the main tables
 * over a date range, replaced whole by each stats run. Column names are the SQL names.
 */
public final class StatsSchemas {

    private StatsSchemas() {
    }

    private static Column c(String name, org.apache.spark.sql.types.DataType type, String description) {
        return new Column(name, name, type, description);
    }

    public static final TableSchema DAILY = new TableSchema("stats_daily", null, List.of("pub_date"), List.of(
            c("pub_date", DateType, "Publication date (articles.pub_date)"),
            c("articles", LongType, "Canonical articles"),
            c("exact_duplicates", LongType, "Rows of duplicates with duplicate_kind = exact"),
            c("near_duplicates", LongType, "Rows of duplicates with duplicate_kind = near"),
            c("repeats_removed", LongType, "Paragraphs removed as repeats inside one article (articles and duplicates)"),
            c("boilerplate_removed", LongType, "Boilerplate paragraphs removed (articles and duplicates)"),
            c("entity_mentions", LongType, "Rows of entities"),
            c("mean_body_chars", DoubleType, "Mean body length of the articles, in characters"),
            c("undated_articles", LongType,
                    "Articles whose pub_date is a fallback (pub_date_source run_date or out_of_range): the file carried no usable date")));

    public static final TableSchema PROGRAMS = new TableSchema("stats_programs", null, List.of("pub_date", "program"),
            List.of(c("pub_date", DateType, "Publication date"),
                    c("program", StringType, "Program (articles.program); (none) when the page names none"),
                    c("articles", LongType, "Canonical articles")));

    public static final TableSchema SECTIONS = new TableSchema("stats_sections", null, List.of("pub_date", "section"),
            List.of(c("pub_date", DateType, "Publication date"),
                    c("section", StringType, "Section (articles.section); (none) when no parse.sections rule matched"),
                    c("articles", LongType, "Canonical articles")));

    public static final TableSchema REJECTS = new TableSchema("stats_rejects", null, List.of("run_date", "reason"),
            List.of(c("run_date", DateType, "Night of the run that rejected the files"),
                    c("reason", StringType, "Reason code (rejects.reason)"),
                    c("files", LongType, "Files rejected")));

    public static final TableSchema LENGTHS = new TableSchema("stats_lengths", null,
            List.of("measure", "bucket_start"), List.of(
            c("measure", StringType, "article_chars (body length) or paragraph_chars (length of each body paragraph)"),
            c("bucket_start", IntegerType, "Lower bound of the bucket, inclusive: 0, then powers of two"),
            c("bucket_end", IntegerType, "Upper bound of the bucket, exclusive"),
            c("count", LongType, "Articles or paragraphs in the bucket")));

    public static final TableSchema LANGUAGES = new TableSchema("stats_languages", null, List.of("language"), List.of(
            c("language", StringType, "articles.language: en, ko or und"),
            c("articles", LongType, "Canonical articles")));

    public static final TableSchema TOP_ENTITIES = new TableSchema("stats_top_entities", null,
            List.of("type", "rank"), List.of(
            c("type", StringType, "PER, ORG, LOC or MISC"),
            c("rank", IntegerType, "1 = most mentioned of its type in the range (ties by name)"),
            c("canonical", StringType, "Canonical name (entities.canonical)"),
            c("mentions", LongType, "Mentions in the range"),
            c("articles", LongType, "Distinct articles mentioning it")));

    public static final TableSchema ENTITY_WEEKS = new TableSchema("stats_entity_weeks", null,
            List.of("type", "canonical", "week_start"), List.of(
            c("week_start", DateType, "Monday of the ISO week of pub_date"),
            c("type", StringType, "Entity type"),
            c("canonical", StringType, "One of the leading entities of its type (stats.trend-entities per type)"),
            c("mentions", LongType, "Mentions in that week")));

    public static final TableSchema WEEKLY_TOP = new TableSchema("stats_weekly_top_entities", null,
            List.of("week_start", "type", "rank"), List.of(
            c("week_start", DateType, "Monday of the ISO week of pub_date"),
            c("type", StringType, "Entity type"),
            c("rank", IntegerType, "1 = most mentioned of its type that week (ties by name); the first stats.trend-entities"),
            c("canonical", StringType, "Canonical name"),
            c("mentions", LongType, "Mentions that week")));

    public static final TableSchema RUNS = new TableSchema("stats_runs", null, List.of("run_date"), List.of(
            c("run_date", DateType, "Night"),
            c("status", StringType, "runs.status"),
            c("input_files", LongType, "Files listed"),
            c("input_bytes", LongType, "Bytes listed"),
            c("articles", LongType, "Rows written to articles"),
            c("duplicates", LongType, "Rows written to duplicates"),
            c("rejects", LongType, "Rows written to rejects"),
            c("entities", LongType, "Rows written to entities"),
            c("seconds", DoubleType, "Wall seconds of the run (sum of its stages)")));

    public static final TableSchema LATEST = new TableSchema("stats_latest_articles", null,
            List.of("published_at", "article_id"), List.of(
            c("published_at", org.apache.spark.sql.types.DataTypes.TimestampType, "Published stamp (UTC instant)"),
            c("pub_date", DateType, "Publication date"),
            c("title", StringType, "Headline as parsed"),
            c("program", StringType, "Program"),
            c("language", StringType, "Language"),
            c("entity_count", LongType, "Entity mentions in the body"),
            c("article_id", StringType, "articles.article_id")));

    public static List<TableSchema> all() {
        return List.of(DAILY, PROGRAMS, SECTIONS, REJECTS, LENGTHS, LANGUAGES, TOP_ENTITIES, ENTITY_WEEKS, WEEKLY_TOP, RUNS,
                LATEST);
    }
}
