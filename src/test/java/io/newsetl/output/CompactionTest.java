package io.newsetl.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsetl.config.ConfigLoader;
import io.newsetl.config.JobConfig;
import io.newsetl.model.LockedException;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.testing.SparkStageTest;
import io.newsetl.testing.TableSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nights that each write to the same pub_date partitions, compacted: the same rows, few files, a second
 * compaction changes nothing, and a rerun of the middle night afterwards gives the rows it gives without compaction.
 */
class CompactionTest extends SparkStageTest {

    private static final String[] TOPICS = {"rice harvest", "steel exports", "bus strike", "film festival",
            "chip factory", "river flood", "museum opening", "subway line", "fishing ban", "bond yields"};

    @TempDir
    Path dir;

    /** Night {@code n}'s input: three articles on 2018-05-28 and 2018-05-29, and one empty file (a reject). */
    private Path night(int n, String variant) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in/" + n + variant));
        for (int i = 0; i < 3; i++) {
            String topic = TOPICS[(n * 3 + i) % TOPICS.length];
            String day = i == 0 ? "2018-05-28" : "2018-05-29";
            Files.writeString(in.resolve("story-" + i + ".txt"), " date " + day + " Report on the " + topic
                    + " News Today 입력 " + day.replace('-', '.') + " (1" + i + ":00) 수정 " + day.replace('-', '.')
                    + " (1" + i + ":30)\n\n"
                    + "Officials in Busan said on night " + n + variant + " that the " + topic + " would go ahead.\n"
                    + "Kim Min-jun of the Korea Trade Agency told reporters the " + topic + " matters for night " + n
                    + variant + ".\nThe " + topic + " story number " + i + " was filed at " + n + variant + ".\n");
        }
        Files.writeString(in.resolve("empty.txt"), "");
        return in;
    }

    private JobConfig cfg(Path input, Path out, String date) {
        return ConfigLoader.load(null, Map.of("input", input.toString(), "output", out.toString(), "run-date", date,
                "stats.enabled", "false"));
    }

    private void nights(Path out) throws IOException {
        NightlyJob.run(spark(), cfg(night(1, ""), out, "2018-05-29"));
        NightlyJob.run(spark(), cfg(night(2, ""), out, "2018-05-30"));
        NightlyJob.run(spark(), cfg(night(3, ""), out, "2018-05-31"));
    }

    private List<String> rows(Path out) {
        return TableSnapshot.withoutRunIds(TableSnapshot.of(spark(), out.toString(), NightCommit.TABLES));
    }

    private static Map<String, Integer> files(Path out) throws IOException {
        Map<String, Integer> n = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            s.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."))
                    .filter(p -> !out.relativize(p).startsWith("stats"))
                    .forEach(p -> n.merge(out.relativize(p).getParent().toString(), 1, Integer::sum));
        }
        return n;
    }

    @Test
    void compactionKeepsTheRowsAndARerunStillReplacesItsNight() throws Exception {
        Path plain = dir.resolve("plain");
        Path compacted = dir.resolve("compacted");
        nights(compacted);
        io.newsetl.testing.Trees.copy(compacted, plain);   // the same three nights, never compacted
        List<String> before = rows(compacted);
        assertThat(files(compacted).get("articles/pub_date=2018-05-29")).isEqualTo(3);

        // Files sized by bytes alone: a row cap of the nightly writes (here 2 rows) does not cut small rows into
        // many small files (dedup_keys partitions hold dozens of rows).
        JobConfig c = ConfigLoader.load(null, Map.of("input", dir.toString(), "output", compacted.toString(),
                "run-date", "2018-05-31", "stats.enabled", "false", "write.max-records-per-file", "2"));
        Compaction.Result r = Compaction.runLocked(spark(), c, TableSchemas.all(), null, null);
        assertThat(rows(compacted)).isEqualTo(before);
        Map<String, Integer> after = files(compacted);
        assertThat(after).allSatisfy((partition, count) -> assertThat(count).as(partition).isEqualTo(1));
        assertThat(after).containsKey("dedup_keys/kind=carrier");
        assertThat(after.get("articles/pub_date=2018-05-29")).isEqualTo(1);
        assertThat(r.filesAfter()).isLessThan(r.filesBefore());
        assertThat(r.tables()).extracting(Compaction.TableResult::table).contains("articles", "entities", "runs");
        try (Stream<Path> s = Files.list(compacted.resolve("articles/pub_date=2018-05-29"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).toList())
                    .singleElement().asString().matches("part-c20180529-20180531-[0-9a-z]+-00000\\.zstd\\.parquet");
        }
        assertThat(compacted.resolve("_staging")).doesNotExist();
        assertThat(compacted.resolve("_swaps")).doesNotExist();

        // Idempotent: nothing left to do, nothing changes.
        Compaction.Result again = Compaction.runLocked(spark(), c, TableSchemas.all(), null, null);
        assertThat(again.tables()).isEmpty();
        assertThat(files(compacted)).isEqualTo(after);

        // A rerun of the middle night with other input replaces exactly its rows, compacted or not.
        Path rerun = night(2, "-fixed");
        NightlyJob.run(spark(), cfg(rerun, plain, "2018-05-30"));
        NightlyJob.run(spark(), cfg(rerun, compacted, "2018-05-30"));
        List<String> expected = rows(plain);
        assertThat(expected).anyMatch(row -> row.contains("night 2-fixed")).noneMatch(row -> row.contains("night 2 "));
        assertThat(rows(compacted)).isEqualTo(expected);
        assertThat(compacted.resolve("_swaps")).doesNotExist();
        assertThat(TableWriter.read(spark(), compacted.toString(), TableSchemas.RUNS).groupBy("run_date").count()
                .collectAsList()).hasSize(3).allSatisfy(row -> assertThat(row.getLong(1)).isEqualTo(1));
    }

    @Test
    void compactionWaitsForNoNight(@TempDir Path out) throws Exception {
        NightlyJob.run(spark(), cfg(night(1, ""), out, "2018-05-29"));
        try (RunLock night = RunLock.acquire(spark().sparkContext().hadoopConfiguration(), out.toString(),
                "r20180530-night", 600)) {
            assertThatThrownBy(() -> Compaction.runLocked(spark(), cfg(dir, out, "2018-05-30"), TableSchemas.all(),
                    LocalDate.parse("2018-05-01"), LocalDate.parse("2018-05-31"))).isInstanceOf(LockedException.class);
        }
    }

    @Test
    void aPartitionWrittenByOneCompactionIsNotPlannedAgainWhateverItsFileCount() {
        java.util.function.Function<List<String>, Compaction.Partition> partition = names -> new Compaction.Partition(
                TableSchemas.ARTICLES, new org.apache.hadoop.fs.Path("/o/articles/pub_date=2018-05-29"), "2018-05-29",
                names.stream().map(n -> new org.apache.hadoop.fs.FileStatus(10, false, 1, 10, 0,
                        new org.apache.hadoop.fs.Path("/o/articles/pub_date=2018-05-29/" + n))).toList());
        assertThat(Compaction.compacted(partition.apply(List.of("part-c20180529-20180531-k1-00000.zstd.parquet",
                "part-c20180529-20180531-k1-00001.zstd.parquet")))).isTrue();
        assertThat(Compaction.compacted(partition.apply(List.of("part-c20180529-20180531-k1-00000.zstd.parquet",
                "part-r20180601-00000.zstd.parquet")))).as("a night since").isFalse();
        assertThat(Compaction.compacted(partition.apply(List.of("part-c20180529-20180531-k1-00000.zstd.parquet",
                "part-c20180601-20180601-k2-00000.zstd.parquet")))).as("two compactions").isFalse();
        assertThat(TableWriter.codecSuffix("part-00000-0f3e.c001.zstd.parquet")).isEqualTo(".zstd.parquet");
    }

    @Test
    void rewriteAllPlansACompactedPartitionAgain(@TempDir Path out) throws IOException {
        Path partition = out.resolve("dedup_keys/kind=body");
        Files.createDirectories(partition);
        Files.write(partition.resolve("part-c20180529-20180531-k1-00000.zstd.parquet"), new byte[10]);
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        List<TableSchema> tables = List.of(TableSchemas.DEDUP_KEYS);
        assertThat(Compaction.plan(conf, out.toString(), tables, null, null, 1L << 27).partitions()).isEmpty();
        assertThat(Compaction.plan(conf, out.toString(), tables, null, null, 1L << 27, true).partitions())
                .singleElement().satisfies(p -> assertThat(p.value()).isEqualTo("body"));
    }
}
