package io.newsetl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.model.InputException;
import io.newsetl.testing.SparkStageTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestStageTest extends SparkStageTest {

    @Test
    void readsEveryListedFileOnceWithLineage(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/one.txt"), "Title\n\nBody one.");
        Files.writeString(dir.resolve("a/b/two.txt"), "Title\n\nBody two.");
        Files.write(dir.resolve("a/b/korean.txt"), "제목\n\n본문입니다 한국어 기사.".getBytes("EUC-KR"));
        Files.write(dir.resolve("empty.txt"), new byte[0]);
        Files.write(dir.resolve("file with spaces & 한글.txt"), "T\n\nspaces".getBytes(StandardCharsets.UTF_8));

        InputLister.Listing listing = InputLister.list(dir.toString(), new Configuration());
        assertThat(listing.files()).hasSize(5);
        // Tiny tasks: one file per task at most, to exercise the packing across partitions.
        Dataset<RawDocument> raw = IngestStage.read(spark(), listing.files(), 1, 1, DocumentReader.Limits.defaults());
        assertThat(raw.rdd().getNumPartitions()).isEqualTo(5);
        List<RawDocument> docs = raw.collectAsList();
        Map<String, RawDocument> byName = docs.stream()
                .collect(Collectors.toMap(d -> Path.of(d.getSourcePath().substring(5)).getFileName().toString(), d -> d));
        assertThat(byName).hasSize(5);
        assertThat(byName.get("one.txt").getText()).isEqualTo("Title\n\nBody one.");
        assertThat(byName.get("one.txt").getSourcePath()).startsWith("file:/");
        assertThat(byName.get("korean.txt").getEncoding()).isEqualTo("EUC-KR");
        assertThat(byName.get("korean.txt").getText()).contains("본문입니다");
        assertThat(byName.get("empty.txt").getRejectReason()).isEqualTo("EMPTY");
        assertThat(byName.get("file with spaces & 한글.txt").getText()).endsWith("spaces");
        assertThat(docs).allSatisfy(d -> assertThat(d.getContentHash()).hasSize(32));
    }

    @Test
    void taskCountFollowsBytes(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 200; i++) {
            Files.writeString(dir.resolve("f" + i + ".txt"), "Title\n\nBody " + i);
        }
        InputLister.Listing listing = InputLister.list(dir.toString(), new Configuration());
        Dataset<RawDocument> raw = IngestStage.read(spark(), listing.files(), 64L << 20, 8192,
                DocumentReader.Limits.defaults());
        // 200 small files, 2 cores: four tasks per core, not 200.
        assertThat(raw.rdd().getNumPartitions()).isEqualTo(8);
        assertThat(raw.count()).isEqualTo(200);
    }

    @Test
    void aFileDeletedAfterListingIsAnUnreadableRejectNotACrash(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stays.txt"), "Title\n\nBody.");
        Files.writeString(dir.resolve("goes.txt"), "Title\n\nBody.");
        InputLister.Listing listing = InputLister.list(dir.toString(), new Configuration());
        Files.delete(dir.resolve("goes.txt"));
        Map<String, RawDocument> docs = IngestStage.read(spark(), listing.files(), 64L << 20, 8192,
                        DocumentReader.Limits.defaults()).collectAsList().stream()
                .collect(Collectors.toMap(d -> Path.of(d.getSourcePath().substring(5)).getFileName().toString(), d -> d));
        assertThat(docs.get("stays.txt").getText()).isEqualTo("Title\n\nBody.");
        assertThat(docs.get("goes.txt").getRejectReason()).isEqualTo("UNREADABLE");
        assertThat(docs.get("goes.txt").getRejectMessage()).contains("NoSuchFileException").contains("goes.txt");
    }

    @Test
    void globsAndMissingInputs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.txt"), "a");
        Files.writeString(dir.resolve("y.log"), "b");
        assertThat(InputLister.list(dir + "/*.txt", new Configuration()).files()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> InputLister.list(dir.resolve("none").toString(), new Configuration()))
                .isInstanceOf(InputException.class).hasMessageContaining("does not exist");
    }
}
