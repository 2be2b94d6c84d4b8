package io.newsetl.pipeline;

import io.newsetl.config.JobConfig;
import io.newsetl.dedup.HistoryKeys;
import io.newsetl.output.NightCommit;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Brings an output's {@code dedup_keys} to this build's layout once: an output written before the table existed, or
 * in an earlier layout of it, gets it filled from its committed articles and paragraph_index before dedup looks
 * anything up in it.
 *
 * <pre>{@code
 * DedupKeysFill.fill(spark, cfg);   // a no-op once <output>/_dedup_keys_complete-2 exists
 * }</pre>
 */
public final class DedupKeysFill {

    private DedupKeysFill() {
    }

    /**
     * The earlier layout's marker (one column per value), removed once {@link io.newsetl.dedup.KeyEntry#LAYOUT_MARKER}
     * is written.
     */
    private static final String EARLIER_MARKER = "_dedup_keys_complete";

    /**
     * Fills {@code dedup_keys} for the nights an earlier release committed without it, or in an earlier layout (once:
     * then a marker file says the table covers the history): what the table holds is removed, then the nights are
     * filled one by one from their articles and paragraph_index, each committed as that night's files. A crash
     * half-way redoes the lot, and a later rerun of such a night replaces them. Until the table is compacted it holds
     * a few files per night and kind. Run by dedup before its lookup, and by the history benchmark's upgrade.
     */
    public static void fill(SparkSession spark, JobConfig cfg) {
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path marker = new org.apache.hadoop.fs.Path(cfg.output(),
                io.newsetl.dedup.KeyEntry.LAYOUT_MARKER);
        try {
            org.apache.hadoop.fs.FileSystem fs = marker.getFileSystem(conf);
            if (fs.exists(marker)) {
                return;
            }
            org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(cfg.output(), TableSchemas.DEDUP_KEYS.name());
            if (fs.exists(table)) {
                org.slf4j.LoggerFactory.getLogger(DedupKeysFill.class).info(
                        "dedup_keys: its files (of an earlier layout, or of a fill cut short) removed, to be filled again");
                fs.delete(table, true);
            }
            Dataset<Row> articles = TableWriter.read(spark, cfg.output(), TableSchemas.ARTICLES);
            Dataset<Row> index = TableWriter.read(spark, cfg.output(), TableSchemas.PARAGRAPH_INDEX);
            java.util.List<Date> nights = index.select("run_date").union(articles.select("run_date")).distinct()
                    .where(functions.col("run_date").notEqual(functions.lit(Date.valueOf(cfg.runDate()))))
                    .orderBy("run_date").as(Encoders.DATE()).collectAsList();
            for (Date night : nights) {
                java.time.LocalDate d = night.toLocalDate();
                NightCommit keys = new NightCommit(spark, cfg.output(), d, "backfill-" + d, cfg.write(),
                        spark.sparkContext().defaultParallelism());
                Column same = functions.col("run_date").equalTo(functions.lit(night));
                Dataset<Row> rows = HistoryKeys.rows(articles.where(same), index.where(same), d);
                keys.stage(TableSchemas.DEDUP_KEYS, rows, false, rows.count());
                keys.commit(java.util.List.of(TableSchemas.DEDUP_KEYS));
            }
            if (!nights.isEmpty()) {
                org.slf4j.LoggerFactory.getLogger(DedupKeysFill.class).info(
                        "dedup_keys: filled for the {} nights committed before it (once)", nights.size());
            }
            fs.create(marker, true).close();
            fs.delete(new org.apache.hadoop.fs.Path(cfg.output(), EARLIER_MARKER), false);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot fill dedup_keys under " + cfg.output() + ": " + e.getMessage(), e);
        }
    }
}
