package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.model.Document;
import io.newsetl.output.TableSchemas;
import io.newsetl.testing.SparkStageTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

/**
 * One footer in every article must not put every article on one task: with partial aggregation and boilerplate
 * kept out of the pair join, no task of the dedup reads more than a fraction of the paragraph rows.
 */
class SkewTest extends SparkStageTest {

    @Test
    void aFooterInEveryArticleIsSpreadOverTasks() {
        int n = 4000;
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(CorpusDedupTest.doc(String.format("a%05d", i), "2018-05-29T01:00:00Z",
                    "Story " + i + " has a paragraph of its own about topic " + i + ".",
                    "Copyright KBS. All rights reserved. This footer is in every single article."));
        }
        AtomicLong maxRead = new AtomicLong();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd e) {
                if (e.taskMetrics() != null) {
                    maxRead.accumulateAndGet(e.taskMetrics().shuffleReadMetrics().recordsRead(), Math::max);
                }
            }
        };
        // Without coalescing, so that what is measured is the key distribution, not AQE merging small partitions.
        spark().conf().set("spark.sql.adaptive.coalescePartitions.enabled", "false");
        spark().conf().set("spark.sql.shuffle.partitions", "8");
        spark().sparkContext().addSparkListener(listener);
        try {
            CorpusDedup.Result r = CorpusDedup.dedup(
                    spark().createDataset(docs, Encoders.bean(Document.class)).repartition(8),
                    spark().createDataFrame(List.of(), TableSchemas.ARTICLES.structType())
                            .select("article_id", "body_hash", "paragraph_hashes"),
                    spark().createDataFrame(List.of(), TableSchemas.PARAGRAPH_INDEX.structType())
                            .select("paragraph_hash", "distinct_bodies"),
                    CorpusDedup.Settings.defaults(), LocalDate.parse("2018-05-30"));
            assertThat(r.all().where("boilerplateRemoved = 1").count()).isEqualTo(n);
            assertThat(r.paragraphIndex().where("is_boilerplate").count()).isEqualTo(1);
            r.release();
        } finally {
            spark().sparkContext().removeSparkListener(listener);
            spark().conf().set("spark.sql.adaptive.coalescePartitions.enabled", "true");
            spark().conf().set("spark.sql.shuffle.partitions", "4");
        }
        // 8,000 paragraph rows, half of them the footer: a task that grouped by the footer's key alone would
        // read at least 4,000.
        assertThat(maxRead.get()).isPositive().isLessThan(n / 2);
    }
}
