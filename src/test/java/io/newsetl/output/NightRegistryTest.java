package io.newsetl.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NightRegistryTest {

    private static final Configuration CONF = new Configuration();

    @Test
    void fileNamesGiveTheNightsTheyMayHold() {
        assertThat(NightRegistry.nightsOf("part-r20220601-00003.zstd.parquet"))
                .containsExactly(LocalDate.parse("2022-06-01"));
        assertThat(NightRegistry.nightsOf("part-c20211230-20220102-mx3213fq-00000.zstd.parquet"))
                .containsExactly(LocalDate.parse("2021-12-30"), LocalDate.parse("2021-12-31"),
                        LocalDate.parse("2022-01-01"), LocalDate.parse("2022-01-02"));
        assertThat(NightRegistry.nightsOf("_SUCCESS")).isEmpty();
        assertThat(NightRegistry.nightsOf(".part-r20220601-00003.zstd.parquet.crc")).isEmpty();
        // What a lookup asks of each dedup_keys file: may it hold tonight's rows (then it reads their run_date)?
        LocalDate night = LocalDate.parse("2022-01-01");
        assertThat(NightRegistry.mayHold("part-r20220101-00000.zstd.parquet", night)).isTrue();
        assertThat(NightRegistry.mayHold("part-r20220102-00000.zstd.parquet", night)).isFalse();
        assertThat(NightRegistry.mayHold("part-r20220102-00000.parquet", night)).as("no codec (dedup_keys)").isFalse();
        assertThat(NightRegistry.mayHold("part-c20211230-20220102-mx3213fq-00000.zstd.parquet", night)).isTrue();
        assertThat(NightRegistry.mayHold("part-c20211201-20211231-mx3213fq-00000.zstd.parquet", night)).isFalse();
        assertThat(NightRegistry.mayHold("restored-by-hand.parquet", night)).isTrue();
        // Names that cannot be trusted (a range backwards, digits that are no date) may hold any night.
        assertThat(NightRegistry.mayHold("part-c20220102-20211230-mx3213fq-00000.zstd.parquet", night)).isTrue();
        assertThat(NightRegistry.mayHold("part-c20221399-20221399-mx3213fq-00000.zstd.parquet", night)).isTrue();
    }

    @Test
    void aNewOutputKnowsItsFirstRunsAndRecordsThem(@TempDir Path dir) throws Exception {
        String out = dir.toString();
        LocalDate night = LocalDate.parse("2018-05-29");
        assertThat(NightRegistry.mayHaveFiles(CONF, out, night)).isFalse();
        NightRegistry.record(CONF, out, night, Map.of("articles", List.of("pub_date=2018-05-28"), "runs", List.of(".")));
        // A rerun adds the folders it writes to those recorded: its earlier files stay findable.
        NightRegistry.record(CONF, out, night, Map.of("articles", List.of("pub_date=2018-05-29")));
        NightRegistry.record(CONF, out, LocalDate.parse("2019-01-02"), Map.of());
        assertThat(NightRegistry.mayHaveFiles(CONF, out, night)).isTrue();
        assertThat(NightRegistry.mayHaveFiles(CONF, out, LocalDate.parse("2019-01-02"))).isTrue();
        assertThat(NightRegistry.mayHaveFiles(CONF, out, LocalDate.parse("2018-05-30"))).isFalse();
        NightRegistry.Night n = NightRegistry.night(CONF, out, night);
        assertThat(n.partitions("articles")).containsExactly("pub_date=2018-05-28", "pub_date=2018-05-29");
        assertThat(n.partitions("runs")).containsExactly(".");
        assertThat(n.partitions("entities")).as("a table the night never wrote").isEmpty();
        assertThat(Files.readString(dir.resolve("_nights/2018.txt")))
                .isEqualTo("2018-05-29 articles=pub_date=2018-05-28,pub_date=2018-05-29 runs=.\n");
    }

    @Test
    void aNightRecordedByAnEarlierBuildMayHaveFilesAnywhere(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("_nights"));
        Files.writeString(dir.resolve("_nights/_complete-2"), "");
        Files.writeString(dir.resolve("_nights/2018.txt"), "2018-05-29\n");
        String out = dir.toString();
        assertThat(NightRegistry.night(CONF, out, LocalDate.parse("2018-05-29")).partitions("articles")).isNull();
        // Recording folders does not make "anywhere" narrower.
        NightRegistry.record(CONF, out, LocalDate.parse("2018-05-29"), Map.of("articles", List.of("pub_date=2018-05-29")));
        assertThat(NightRegistry.night(CONF, out, LocalDate.parse("2018-05-29")).partitions("articles")).isNull();
        // Nor does a folder name the line cannot hold make it wrong: it is written as "anywhere".
        NightRegistry.record(CONF, out, LocalDate.parse("2018-05-30"), Map.of("articles", List.of("pub_date=a b")));
        assertThat(NightRegistry.night(CONF, out, LocalDate.parse("2018-05-30")).partitions("articles")).isNull();
    }

    @Test
    void anOutputOfAnEarlierReleaseIsListedOnce(@TempDir Path dir) throws Exception {
        Path articles = Files.createDirectories(dir.resolve("articles/pub_date=2018-05-28"));
        Files.writeString(articles.resolve("part-r20180529-00000.zstd.parquet"), "x");
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Files.writeString(runs.resolve("part-c20180101-20180103-abc-00000.zstd.parquet"), "x");
        String out = dir.toString();
        assertThat(NightRegistry.mayHaveFiles(CONF, out, LocalDate.parse("2018-05-29"))).isTrue();
        assertThat(NightRegistry.mayHaveFiles(CONF, out, LocalDate.parse("2018-01-02"))).isTrue();
        assertThat(NightRegistry.mayHaveFiles(CONF, out, LocalDate.parse("2018-05-30"))).isFalse();
        assertThat(dir.resolve("_nights/_complete-2")).exists();
        // With the folders of their files: a compacted file's folder for every night of its range.
        assertThat(NightRegistry.night(CONF, out, LocalDate.parse("2018-05-29")).partitions("articles"))
                .containsExactly("pub_date=2018-05-28");
        assertThat(NightRegistry.night(CONF, out, LocalDate.parse("2018-01-02")).partitions("runs"))
                .containsExactly(".");
        assertThat(NightRegistry.night(CONF, out, LocalDate.parse("2018-01-02")).partitions("articles")).isEmpty();
        // Once filled, it is not listed again: a file added behind its back is not seen.
        Files.writeString(articles.resolve("part-r20180530-00000.zstd.parquet"), "x");
        assertThat(NightRegistry.mayHaveFiles(CONF, out, LocalDate.parse("2018-05-30"))).isFalse();
    }

    @Test
    void aWriteThatDiedBetweenItsDeleteAndRenameLosesNoNight(@TempDir Path dir) throws Exception {
        String out = dir.toString();
        NightRegistry.record(CONF, out, LocalDate.parse("2018-05-29"), Map.of("runs", List.of(".")));
        // The aside copy written, the old file deleted, the rename never done.
        Files.move(dir.resolve("_nights/2018.txt"), dir.resolve("_nights/.2018.txt.tmp"));
        assertThat(NightRegistry.mayHaveFiles(CONF, out, LocalDate.parse("2018-05-29"))).isTrue();
        NightRegistry.record(CONF, out, LocalDate.parse("2018-05-30"), Map.of("runs", List.of(".")));
        assertThat(Files.readString(dir.resolve("_nights/2018.txt"))).isEqualTo("2018-05-29 runs=.\n2018-05-30 runs=.\n");
    }
}
