package io.newsetl.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.output.RunRecord;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import io.newsetl.testing.TableSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;

/** Input read from and every table written to a real (in-process) HDFS: NameNode and DataNode over RPC. */
class HdfsIT extends SparkStageTest {

    @Test
    void readsAndWritesHdfs() throws Exception {
        Path base = Files.createTempDirectory("news-etl-hdfs");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        long t0 = System.nanoTime();
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            dfs.waitActive();
            String root = dfs.getURI().toString();
            FileSystem fs = dfs.getFileSystem();
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(SharedData.sampleCorpus().toString()),
                    new org.apache.hadoop.fs.Path(root + "/crawl/2018-05-30"));

            // The mirror copy ties with its original on time and priority; without this the id (a hash of the
            // path, which differs between HDFS and local) would pick the canonical one.
            Path nightConf = Files.writeString(base.resolve("night.conf"), "news-etl.dedup.source-priority { \"**/mirror/**\" = 200 }");
            RunRecord run = NightlyJob.run(spark(), ConfigLoader.load(nightConf, Map.of("input", root + "/crawl/{date}",
                    "output", root + "/warehouse/news", "run-date", "2018-05-30")));
            assertThat(run.isBalanceOk()).isTrue();
            assertThat(run.getInputFiles()).isEqualTo(25);
            for (String table : List.of("articles", "duplicates", "rejects", "paragraph_index", "runs")) {
                assertThat(fs.exists(new org.apache.hadoop.fs.Path(root + "/warehouse/news/" + table))).as(table).isTrue();
            }
            assertThat(fs.exists(new org.apache.hadoop.fs.Path(root + "/warehouse/news/_lock"))).isFalse();

            Path local = Files.createTempDirectory("news-etl-local");
            NightlyJob.run(spark(), ConfigLoader.load(nightConf, Map.of("input", SharedData.sampleCorpus().toString(),
                    "output", local.toString(), "run-date", "2018-05-30")));
            assertThat(normalise(TableSnapshot.of(spark(), root + "/warehouse/news")))
                    .isEqualTo(normalise(TableSnapshot.of(spark(), local.toString())));
            System.out.printf("HDFS test: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } finally {
            dfs.shutdown();
        }
    }

    /** Paths and the ids derived from them differ between HDFS and the local run; everything else must not. */
    private static List<String> normalise(List<String> rows) {
        return TableSnapshot.withoutRunIds(rows).stream()
                .map(r -> r.replaceAll("(hdfs://[^/|]+/crawl/2018-05-30|file:" + SharedData.sampleCorpus() + ")", "IN")
                        // ids are hashes of the path: the article id, duplicate_of, canonical_article_id
                        .replaceAll("^(articles:|duplicates:|rejects:)[0-9a-f]{32}", "$1ID")
                        .replaceAll("^(paragraph_index:[0-9a-f]{32}\\|)[0-9a-f]{32}", "$1ID")
                        .replaceAll("\\|[0-9a-f]{32}\\|(exact|near)\\|", "|ID|$1|"))
                .sorted().toList();
    }
}
