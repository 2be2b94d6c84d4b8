package io.newsetl.pipeline;

import io.newsetl.config.JobConfig;
import io.newsetl.entities.EntityMention;
import io.newsetl.entities.EntityStage;
import io.newsetl.output.Column;
import io.newsetl.output.FileSwap;
import io.newsetl.output.NightCommit;
import io.newsetl.output.RunLock;
import io.newsetl.output.TableSchema;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.parse.SectionRules;
import io.newsetl.stats.StatsJob;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code news-etl reprocess --from --to}: re-derives, with the current build, what committed nights derived from
 * their articles: the entities and names tables, the articles' entity columns and the {@code section} of articles
 * and duplicates. Bodies, dedup decisions and everything else stay as committed. Per night, a short list of
 * stages of the nightly shape ({@link Stage}, {@link StageContext}):
 * <ol>
 *   <li>{@code read}: the night's committed articles and duplicates ({@code run_date} = the night);</li>
 *   <li>{@code entities}: tagged, linked, staged as the entities and names tables;</li>
 *   <li>{@code write}: articles with their new entity summary and section, duplicates with their section;</li>
 *   <li>{@code check}: the staged articles and duplicates are as many as were read;</li>
 *   <li>{@code commit}: the four tables swapped in for the night's files ({@link NightCommit#commitAtomically}).</li>
 * </ol>
 * All under the run lock; atomic per night (one {@link io.newsetl.output.FileSwap} for the night's four tables:
 * a crash leaves the night as it was or as reprocessed, never in between, since the committed rows are the only
 * input); the rows read must be the counts the night's run wrote;
 * idempotent (a second reprocess gives the same rows). Then the statistics and the catalog, as after a night.
 *
 * <pre>{@code
 * Reprocess.Result r = Reprocess.run(spark, cfg, LocalDate.parse("2018-05-01"), LocalDate.parse("2018-05-31"));
 * }</pre>
 */
public final class Reprocess {

    private static final Logger LOG = LoggerFactory.getLogger(Reprocess.class);

    /** The articles' columns that reprocess derives again (dropped from what it reads). */
    private static final Set<String> DERIVED = Set.of("entity_count", "persons", "organizations", "locations",
            "misc_entities", "entities_truncated", "section");

    /** The tables a reprocess rewrites for each night. */
    public static final List<TableSchema> TABLES = List.of(TableSchemas.ARTICLES, TableSchemas.DUPLICATES,
            TableSchemas.ENTITIES, TableSchemas.NAMES);

    private Reprocess() {
    }

    /** One night reprocessed: its articles, duplicates and the mentions now found in them. */
    public record Night(LocalDate runDate, long articles, long duplicates, long mentions, double seconds) {
    }

    public record Result(List<Night> nights, String statsStatus) {
    }

    private record Read(LocalDate night, NightCommit commit, Dataset<Row> articles, Dataset<Row> duplicates,
            long articleRows, long duplicateRows) {
    }

    private record Tagged(Read read, Dataset<Row> articles) {
    }

    /** Reprocesses every night with a SUCCEEDED run from {@code from} to {@code to} (null: open). */
    public static Result run(SparkSession spark, JobConfig cfg, LocalDate from, LocalDate to) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<Night> done = new ArrayList<>();
        try (RunLock lock = RunLock.acquire(hadoop, cfg.output(), "reprocess", cfg.lockStaleSeconds())) {
            FileSwap.recover(hadoop, cfg.output());
            NightCommit.removeOrphanStaging(hadoop, cfg.output());
            for (LocalDate night : nights(spark, cfg.output(), from, to)) {
                done.add(night(spark, cfg, night));
            }
        }
        String stats = "DISABLED";
        if (cfg.stats().enabled() && !done.isEmpty()) {
            LocalDate since = cfg.stats().windowDays() > 0 ? cfg.runDate().minusDays(cfg.stats().windowDays() - 1L) : null;
            // Every date's aggregates again: reprocessed entities may sit in any pub_date of those nights.
            StatsJob.rebuild(spark, cfg.output(), new StatsJob.Settings(since, null, cfg.stats().topEntities(),
                    cfg.stats().trendEntities()));
            stats = "SUCCEEDED";
        }
        return new Result(List.copyOf(done), stats);
    }

    /** The run dates of the SUCCEEDED runs within the range, oldest first. */
    static List<LocalDate> nights(SparkSession spark, String output, LocalDate from, LocalDate to) {
        Dataset<Row> runs = TableWriter.read(spark, output, TableSchemas.RUNS).where("status = 'SUCCEEDED'");
        if (from != null) {
            runs = runs.where(functions.col("run_date").geq(functions.lit(Date.valueOf(from))));
        }
        if (to != null) {
            runs = runs.where(functions.col("run_date").leq(functions.lit(Date.valueOf(to))));
        }
        List<LocalDate> out = new ArrayList<>();
        for (Row r : runs.select("run_date").distinct().orderBy("run_date").collectAsList()) {
            out.add(r.getDate(0).toLocalDate());
        }
        return out;
    }

    private static Night night(SparkSession spark, JobConfig cfg, LocalDate night) {
        long t0 = System.nanoTime();
        NightCommit commit = new NightCommit(spark, cfg.output(), night, "reprocess-" + night, cfg.write(),
                Math.max(1, spark.sparkContext().defaultParallelism()));
        try (StageContext ctx = new StageContext(spark, cfg)) {
            Read read = ctx.run("read", (LocalDate n, StageContext c) -> read(c, commit, n), night);
            Tagged tagged = ctx.run("entities", Reprocess::tag, read);
            ctx.run("write", (Tagged t, StageContext c) -> {
                t.read().commit().stage(TableSchemas.ARTICLES, t.articles(), true);
                t.read().commit().stage(TableSchemas.DUPLICATES, t.read().duplicates(), false);
                return t.read();
            }, tagged);
            ctx.run("check", Reprocess::check, read);
            ctx.run("commit", (Read r, StageContext c) -> {
                r.commit().commitAtomically(TABLES);
                return r;
            }, read);
            NightlyJob.catalog(spark, commit, cfg);
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.info("reprocess night={} articles={} duplicates={} mentions={} seconds={}", night, read.articleRows(),
                    read.duplicateRows(), ctx.counter("entities", "mentions"), String.format("%.2f", seconds));
            return new Night(night, read.articleRows(), read.duplicateRows(), ctx.counter("entities", "mentions"),
                    seconds);
        } catch (RuntimeException e) {
            if (!commit.committing()) {
                commit.discardStaging();
            }
            throw e;
        }
    }

    /** The night's committed rows, renamed to the names the stages use, without the columns derived again. */
    private static Read read(StageContext ctx, NightCommit commit, LocalDate night) {
        Dataset<Row> articles = ctx.cache(committed(ctx, TableSchemas.ARTICLES, night));
        Dataset<Row> duplicates = committed(ctx, TableSchemas.DUPLICATES, night)
                .withColumn("section", section(ctx.cfg().parse().sections()).apply(functions.col("sourcePath")));
        long a = articles.count();
        long d = duplicates.count();
        ctx.count("articles", a);
        ctx.count("duplicates", d);
        // The committed rows are reprocess's only input: they must be what the night's run counted.
        List<Row> run = TableWriter.read(ctx.spark(), ctx.cfg().output(), TableSchemas.RUNS)
                .where(functions.col("run_date").equalTo(functions.lit(Date.valueOf(night)))
                        .and(functions.col("status").equalTo("SUCCEEDED")))
                .orderBy(functions.col("finished_at").desc()).limit(1).select("articles", "duplicates").collectAsList();
        if (!run.isEmpty() && (run.get(0).getLong(0) != a || run.get(0).getLong(1) != d)) {
            throw new io.newsetl.model.BalanceException("Reprocess of " + night + ": the committed night holds " + a
                    + " articles and " + d + " duplicates, but its run wrote " + run.get(0).getLong(0) + " and "
                    + run.get(0).getLong(1) + "; nothing was changed. Rerun that night from its input instead.");
        }
        return new Read(night, commit, articles, duplicates, a, d);
    }

    private static Dataset<Row> committed(StageContext ctx, TableSchema table, LocalDate night) {
        Dataset<Row> rows = TableWriter.read(ctx.spark(), ctx.cfg().output(), table)
                .where(functions.col("run_date").equalTo(functions.lit(Date.valueOf(night))));
        List<org.apache.spark.sql.Column> cols = new ArrayList<>();
        for (Column c : table.columns()) {
            if (!DERIVED.contains(c.name()) || table != TableSchemas.ARTICLES) {
                cols.add(functions.col(c.name()).as(c.source()));
            }
        }
        return rows.select(cols.toArray(org.apache.spark.sql.Column[]::new));
    }

    private static Tagged tag(Read r, StageContext ctx) {
        JobConfig cfg = ctx.cfg();
        Dataset<Row> articles = r.articles().withColumn("section",
                section(cfg.parse().sections()).apply(functions.col("sourcePath")));
        if (!cfg.entities().enabled()) {
            ctx.count("mentions", 0);
            return new Tagged(r, EntityStage.withoutSummary(articles));
        }
        Dataset<EntityMention> tagged = ctx.cache(EntityStage.tag(articles, cfg.entities().model(),
                cfg.entities().gazetteers(), cfg.entities().budget()));
        Dataset<EntityMention> mentions = ctx.cache(EntityStage.linkAcrossArticles(tagged));
        r.commit().stage(TableSchemas.ENTITIES, mentions, true);
        tagged.unpersist();
        r.commit().stage(TableSchemas.NAMES, EntityStage.names(mentions), true);
        ctx.count("mentions", mentions.count());
        return new Tagged(r, EntityStage.withSummary(articles, mentions, cfg.entities().budget()));
    }

    /** Nothing lost: the staged articles and duplicates are exactly as many as the night's committed ones. */
    private static Read check(Read r, StageContext ctx) {
        long a = r.commit().stagedRows(TableSchemas.ARTICLES);
        long d = r.commit().stagedRows(TableSchemas.DUPLICATES);
        if (a != r.articleRows() || d != r.duplicateRows()) {
            throw new IllegalStateException("Reprocess of " + r.night() + " staged " + a + " articles and " + d
                    + " duplicates for " + r.articleRows() + " and " + r.duplicateRows() + " committed; nothing of "
                    + "this night was committed.");
        }
        return r;
    }

    private static org.apache.spark.sql.expressions.UserDefinedFunction section(SectionRules rules) {
        return functions.udf((UDF1<String, String>) rules::sectionOf, DataTypes.StringType);
    }
}
