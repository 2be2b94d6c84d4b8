package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
    void everyBbcFileIsAccountedForWithTheRightEncoding(@TempDir Path out) {
        Path bbc = SharedData.require("bbc");
        long t0 = System.nanoTime();
        // The folder also holds README.TXT; the glob takes the articles only.
        RunRecord run = NightlyJob.run(spark(), NightlyJobTest.config(Path.of(bbc + "/*/*.txt"), out));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BBC run: %d files in %.1f s (%.0f files/s)%n", run.getInputFiles(), seconds,
                run.getInputFiles() / seconds);
        assertThat(run.getInputFiles()).isEqualTo(2225);
        assertThat(run.getArticles() + run.getRejects()).isEqualTo(2225);
        assertThat(run.isBalanceOk()).isTrue();

        Dataset<Row> articles = spark().read().parquet(out.resolve("articles").toString());
        assertThat(articles.count()).isEqualTo(2225);
        assertThat(articles.filter("format = 'bbc'").count()).isEqualTo(2225);
        assertThat(articles.groupBy().sum("paragraphs_raw").first().getLong(0)).isEqualTo(10547);
        Row sport199 = articles.filter("source_path like '%/sport/199.txt'").first();
        assertThat(sport199.<String>getAs("encoding")).isIn("windows-1252", "ISO-8859-1");
        assertThat(sport199.<String>getAs("body")).contains("£").doesNotContain("\uFFFD");
        assertThat(articles.filter("encoding = 'UTF-8'").count()).isEqualTo(646);
        assertThat(articles.filter("body like '%\uFFFD%'").count()).isZero();
    }
}
