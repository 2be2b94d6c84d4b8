package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.config.JobConfig;
import io.newsetl.output.RunRecord;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import io.newsetl.testing.TableSnapshot;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on the sample corpus that ships in src/sample/corpus, reading the Parquet back. */
class NightlyJobTest extends SparkStageTest {

    static JobConfig config(Path input, Path output, String... sets) {
        Map<String, String> m = new HashMap<>(Map.of("input", input.toString(), "output", output.toString(),
                "run-date", "2018-05-30"));
        for (int i = 0; i < sets.length; i += 2) {
            m.put(sets[i], sets[i + 1]);
        }
        return ConfigLoader.load(null, m);
    }

    private Map<String, Row> byFile(Dataset<Row> t) {
        return t.collectAsList().stream().collect(Collectors.toMap(
                r -> r.<String>getAs("source_path").replaceFirst(".*/corpus/", ""), r -> r));
    }

    @Test
    void sampleCorpusEndToEnd(@TempDir Path out) {
        RunRecord run = NightlyJob.run(spark(), config(SharedData.sampleCorpus(), out));
        assertThat(run.getInputFiles()).isEqualTo(25);
        assertThat(run.getArticles()).isEqualTo(19);
        assertThat(run.getDuplicates()).isEqualTo(1);
        assertThat(run.getRejects()).isEqualTo(5);
        assertThat(run.isBalanceOk()).isTrue();
        assertThat(run.getStageSeconds()).containsKeys("list", "read_parse", "dedup", "entities", "write", "check",
                "commit");

        Map<String, Row> articles = byFile(spark().read().parquet(out.resolve("articles").toString()));
        Row seedLike = articles.get("2018/05/14/inter-korean-talks.txt");
        assertThat(seedLike.<String>getAs("title")).isEqualTo("Inter-Korean Talks Resume");
        assertThat(seedLike.<String>getAs("program")).isEqualTo("News Today");
        assertThat(seedLike.<Timestamp>getAs("published_at").toInstant())
                .isEqualTo(LocalDateTime.parse("2018-05-14T15:02").atZone(ZoneId.of("Asia/Seoul")).toInstant());
        assertThat(seedLike.<java.sql.Date>getAs("pub_date").toString()).isEqualTo("2018-05-14");
        assertThat(seedLike.<Integer>getAs("paragraphs_raw")).isEqualTo(3);
        assertThat(seedLike.<Integer>getAs("paragraphs_kept")).isEqualTo(2);
        assertThat(seedLike.<Integer>getAs("repeats_removed")).isEqualTo(1);
        assertThat(seedLike.<String>getAs("body").split("\n\n")).hasSize(2);
        assertThat(seedLike.<scala.collection.Seq<String>>getAs("paragraph_hashes").size()).isEqualTo(2);
        assertThat(seedLike.<String>getAs("language")).isEqualTo("en");
        assertThat(seedLike.<String>getAs("article_id")).hasSize(32);

        assertThat(articles.get("2018/06/12/korean-summit-ko.txt").<String>getAs("encoding")).isEqualTo("EUC-KR");
        assertThat(articles.get("2018/06/12/korean-summit-ko.txt").<String>getAs("language")).isEqualTo("ko");
        assertThat(articles.get("2018/06/12/korean-summit-ko.txt").<String>getAs("title")).isEqualTo("북미 정상회담 개최");
        assertThat(articles.get("2018/06/13/cp949-ko.txt").<String>getAs("encoding")).isEqualTo("CP949");
        assertThat(articles.get("2018/06/13/cp949-ko.txt").<String>getAs("body")).contains("똠방각하");
        Row latin = articles.get("bbc-style/business/pound-rally.txt");
        assertThat(latin.<String>getAs("encoding")).isEqualTo("windows-1252");
        assertThat(latin.<String>getAs("body")).contains("£1.89").contains("café");
        assertThat(latin.<String>getAs("format")).isEqualTo("bbc");
        assertThat(latin.<String>getAs("pub_date_source")).isEqualTo("run_date");
        Row gz = articles.get("2019/02/18/working-level-talks.txt.gz");
        assertThat(gz.<Boolean>getAs("gzip")).isTrue();
        assertThat(gz.<String>getAs("title")).isEqualTo("Working-level Talks");
        assertThat(articles.values().stream().map(r -> r.<String>getAs("body")))
                .noneMatch(b -> b.contains("댓글") || b.contains("입력 20") || b.contains("읽어주기"));

        // The mirror is a byte-identical copy published at the same instant; the first by path is kept.
        Map<String, Row> dups = byFile(spark().read().parquet(out.resolve("duplicates").toString()));
        assertThat(dups).containsOnlyKeys("mirror/2021-01-27-vaccine-plan-copy.txt");
        Row dup = dups.get("mirror/2021-01-27-vaccine-plan-copy.txt");
        assertThat(dup.<String>getAs("duplicate_kind")).isEqualTo("exact");
        assertThat(dup.<String>getAs("duplicate_of"))
                .isEqualTo(articles.get("2021/01/27/vaccine-plan.txt").<String>getAs("article_id"));
        assertThat(dup.<String>getAs("body")).isEqualTo(articles.get("2021/01/27/vaccine-plan.txt").<String>getAs("body"));

        Map<String, Row> rejects = byFile(spark().read().parquet(out.resolve("rejects").toString()));
        assertThat(rejects.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().<String>getAs("reason"))))
                .containsOnly(Map.entry("malformed/empty.txt", "EMPTY"), Map.entry("malformed/blank.txt", "BLANK"),
                        Map.entry("malformed/photo.txt", "BINARY"), Map.entry("malformed/header-only.txt", "NO_BODY"),
                        Map.entry("malformed/truncated.txt.gz", "GZIP_CORRUPT"));
        Row photo = rejects.get("malformed/photo.txt");
        assertThat(photo.<byte[]>getAs("raw")).hasSize(33);
        assertThat(photo.<String>getAs("message")).contains("PNG");
        assertThat(rejects.get("malformed/header-only.txt").<String>getAs("title")).isEqualTo("Header Without Body");

        // Entities of the canonical articles only, with offsets into the stored body.
        List<Row> entities = spark().read().parquet(out.resolve("entities").toString()).collectAsList();
        String seedId = seedLike.getAs("article_id");
        assertThat(entities).filteredOn(e -> seedId.equals(e.getAs("article_id")))
                .extracting(e -> e.<String>getAs("canonical") + "/" + e.<String>getAs("type"))
                .contains("Ri Son-gwon/PER", "Moon Jae-in/PER", "Cheong Wa Dae/ORG", "Kaesong/LOC", "Seoul/LOC",
                        "United Nations/ORG");
        assertThat(seedLike.<Long>getAs("entity_count"))
                .isEqualTo(entities.stream().filter(e -> seedId.equals(e.getAs("article_id"))).count());
        assertThat(seedLike.<scala.collection.Seq<String>>getAs("persons").contains("Moon Jae-in")).isTrue();
        Map<String, Row> byId = articles.values().stream().collect(Collectors.toMap(r -> r.getAs("article_id"), r -> r));
        for (Row e : entities) {
            Row a = byId.get(e.<String>getAs("article_id"));
            assertThat(a).as("entity of a canonical article").isNotNull();
            assertThat(a.<String>getAs("body").substring(e.<Integer>getAs("start_char"), e.<Integer>getAs("end_char")))
                    .isEqualTo(e.<String>getAs("text"));
            assertThat(e.<java.sql.Date>getAs("pub_date")).isEqualTo(a.<java.sql.Date>getAs("pub_date"));
        }
        Row korean = articles.get("2018/06/12/korean-summit-ko.txt");
        assertThat(entities).filteredOn(e -> korean.getAs("article_id").equals(e.getAs("article_id")))
                .extracting(e -> e.<String>getAs("source")).isNotEmpty().allMatch(s -> s.startsWith("nori")
                        || s.equals("gazetteer"));

        List<Row> runs = spark().read().parquet(out.resolve("runs").toString()).collectAsList();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).<String>getAs("status")).isEqualTo("SUCCEEDED");
        assertThat(runs.get(0).<Boolean>getAs("balance_ok")).isTrue();
        assertThat(runs.get(0).<Long>getAs("entities")).isEqualTo(entities.size());
    }

    @Test
    void rerunAndOtherPartitioningsGiveTheSameRows(@TempDir Path out) {
        Path a = out.resolve("a");
        Path b = out.resolve("b");
        NightlyJob.run(spark(), config(SharedData.sampleCorpus(), a));
        List<String> first = rows(a);
        NightlyJob.run(spark(), config(SharedData.sampleCorpus(), a));
        assertThat(rows(a)).isEqualTo(first);
        assertThat(spark().read().parquet(a.resolve("runs").toString()).count()).isEqualTo(1);
        // One file per task and three write tasks: different partitioning, same rows (same run id: same config
        // apart from these two keys is not required, so compare without run_id).
        NightlyJob.run(spark(), config(SharedData.sampleCorpus(), b, "ingest.target-task-bytes", "1",
                "write.partitions", "3"));
        assertThat(TableSnapshot.withoutRunIds(rows(b))).isEqualTo(TableSnapshot.withoutRunIds(first));
    }

    private List<String> rows(Path out) {
        return TableSnapshot.of(spark(), out.toString());
    }


    @Test
    void aStatisticsFailureAfterTheCommitLeavesTheNightCommitted(@TempDir Path out) throws Exception {
        // The report folder cannot be made: a file stands where it would go.
        java.nio.file.Files.createDirectories(out);
        java.nio.file.Files.writeString(out.resolve("report"), "not a folder");
        RunRecord run = NightlyJob.run(spark(), config(SharedData.sampleCorpus(), out));
        assertThat(run.getStatus()).isEqualTo("SUCCEEDED");
        assertThat(run.getStatsStatus()).startsWith("FAILED: ");
        assertThat(spark().read().parquet(out.resolve("articles").toString()).count()).isEqualTo(19);
        Row runs = spark().read().parquet(out.resolve("runs").toString()).first();
        assertThat(runs.<String>getAs("status")).isEqualTo("SUCCEEDED");
        assertThat(runs.<String>getAs("stats_status")).startsWith("FAILED: ");
        assertThat(out.resolve("_lock")).doesNotExist();
    }

    @Test
    void theNightDoesNotChangeTheCallersSession(@TempDir Path out) {
        String before = spark().conf().get("spark.sql.shuffle.partitions");
        RunRecord run = NightlyJob.run(spark(), config(SharedData.sampleCorpus(), out, "stats.enabled", "false"));
        assertThat(run.getStatsStatus()).isEqualTo("DISABLED");
        assertThat(spark().conf().get("spark.sql.shuffle.partitions")).isEqualTo(before);
    }

    @Test
    void everyTableReadsWithItsSchemaFromTheFirstNight(@TempDir Path tmp) throws Exception {
        Path in = java.nio.file.Files.createDirectories(tmp.resolve("in"));
        java.nio.file.Files.copy(SharedData.sampleCorpus().resolve("2018/05/14/inter-korean-talks.txt"),
                in.resolve("a.txt"));
        Path out = tmp.resolve("out");
        for (int night = 0; night < 2; night++) {
            NightlyJob.run(spark(), config(in, out, "entities.enabled", "false", "stats.enabled", "false"));
        }
        for (io.newsetl.output.TableSchema t : io.newsetl.output.NightCommit.TABLES) {
            Dataset<Row> read = spark().read().parquet(out.resolve(t.name()).toString());
            assertThat(read.columns()).as(t.name()).contains(t.partitionColumn());
        }
        Dataset<Row> rejects = spark().read().parquet(out.resolve("rejects").toString());
        assertThat(rejects.count()).isZero();
        assertThat(rejects.columns()).contains("reason", "message", "raw");
        assertThat(spark().read().parquet(out.resolve("entities").toString()).count()).isZero();
        // The empty file is the night's: the rerun replaced it, and nothing sits at the table root.
        try (var files = java.nio.file.Files.walk(out.resolve("rejects"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".parquet"))
                    .map(p -> out.resolve("rejects").relativize(p).toString()))
                    .singleElement().asString().startsWith("run_date=2018-05-30/part-r20180530-");
        }
    }
}
