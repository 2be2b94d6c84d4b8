package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.output.RunRecord;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All 2,225 real BBC files through the job (skipped when ../shared/data is absent). */
class BbcCorpusTest extends SparkStageTest {

    @Test
    void everyBbcFileIsAccountedForWithTheRightEncodingAndDuplicates(@TempDir Path out) {
        Path bbc = SharedData.require("bbc");
        long t0 = System.nanoTime();
        // The folder also holds README.TXT; the glob takes the articles only.
        RunRecord run = NightlyJob.run(spark(), NightlyJobTest.config(Path.of(bbc + "/*/*.txt"), out));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BBC run: %d files in %.1f s (%.0f files/s): %d articles, %d exact + %d near duplicates, "
                        + "%d boilerplate paragraphs, %d rejects%n", run.getInputFiles(), seconds,
                run.getInputFiles() / seconds, run.getArticles(), run.getExactDuplicates(), run.getNearDuplicates(),
                run.getBoilerplateParagraphs(), run.getRejects());
        assertThat(run.getInputFiles()).isEqualTo(2225);
        assertThat(run.getArticles() + run.getDuplicates() + run.getRejects()).isEqualTo(2225);
        assertThat(run.getRejects()).isZero();
        assertThat(run.isBalanceOk()).isTrue();

        Dataset<Row> articles = spark().read().parquet(out.resolve("articles").toString());
        Dataset<Row> dups = spark().read().parquet(out.resolve("duplicates").toString());
        Dataset<Row> all = articles.selectExpr("article_id AS id", "content_hash", "encoding", "body", "format",
                        "paragraphs_raw", "source_path", "section")
                .unionByName(dups.selectExpr("duplicate_id AS id", "content_hash", "encoding", "body", "format",
                        "paragraphs_raw", "source_path", "section"));
        assertThat(all.count()).isEqualTo(2225);
        assertThat(all.where("format = 'bbc'").count()).isEqualTo(2225);
        // The default parse.sections rule: the folder of each file.
        assertThat(all.where("section = regexp_extract(source_path, '/([a-z]+)/[0-9]+\\\\.txt$', 1)").count()).isEqualTo(2225);
        assertThat(all.select("section").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactlyInAnyOrder("business", "entertainment", "politics", "sport", "tech");
        assertThat(all.groupBy().sum("paragraphs_raw").first().getLong(0)).isEqualTo(10547);
        assertThat(all.where("encoding = 'UTF-8'").count()).isEqualTo(646);
        assertThat(all.where("body like '%\uFFFD%'").count()).isZero();
        Row sport199 = all.where("source_path like '%/sport/199.txt'").first();
        assertThat(sport199.<String>getAs("encoding")).isIn("windows-1252", "ISO-8859-1");
        assertThat(sport199.<String>getAs("body")).contains("£");

        // 98 groups of byte-identical files: one article each, the other copy an exact duplicate of it.
        Dataset<Row> exact = dups.where("duplicate_kind = 'exact'");
        Dataset<Row> pairs = exact.join(articles, exact.col("duplicate_of").equalTo(articles.col("article_id")));
        assertThat(exact.count()).isGreaterThanOrEqualTo(98);
        assertThat(pairs.where(exact.col("content_hash").equalTo(articles.col("content_hash"))).count())
                .isEqualTo(98);
        assertThat(all.groupBy("content_hash").count().where("count > 1").count()).isEqualTo(98);
        assertThat(articles.groupBy("content_hash").count().where("count > 1").count()).isZero();
    }
}
