package io.newsetl.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsetl.bench.CorpusGenerator;
import io.newsetl.config.ConfigLoader;
import io.newsetl.model.OutputException;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import io.newsetl.testing.TableSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The output on a small tmpfs that fills up: a clear message, and the previous night intact. Needs root. */
class DiskFullIT extends SparkStageTest {

    /** A folder with a tmpfs of {@code size} mounted at {@code <folder>/mnt} (the test is skipped without root). */
    private static Path tmpfs(String size) throws Exception {
        Path dir = Files.createTempDirectory("news-etl-diskfull");
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0,
                "Skipped: cannot mount a tmpfs here (needs root): " + new String(mount.getInputStream().readAllBytes()));
        return dir;
    }

    private static void unmount(Path dir) throws Exception {
        new ProcessBuilder("umount", "-l", dir.resolve("mnt").toString()).start().waitFor();
    }

    @Test
    void fullDiskFailsClearlyAndKeepsEarlierNights() throws Exception {
        Path dir = tmpfs("3m");
        Path mnt = dir.resolve("mnt");
        try {
            Path out = mnt.resolve("out");
            NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", SharedData.sampleCorpus().toString(),
                    "output", out.toString(), "run-date", "2018-05-29")));
            List<String> night1 = TableSnapshot.of(spark(), out.toString());

            Path corpus = dir.resolve("gen");
            new CorpusGenerator(CorpusGenerator.Rates.defaults(), 5).generate(corpus, 4_000);
            assertThatThrownBy(() -> NightlyJob.run(spark(), ConfigLoader.load(null, Map.of(
                    "input", corpus.resolve("corpus").toString(), "output", out.toString(), "run-date", "2018-05-30",
                    "write.compression", "none"))))
                    .isInstanceOf(OutputException.class)
                    .hasMessageContaining("no space left under " + out)
                    .hasMessageContaining("earlier nights are untouched");
            assertThat(TableSnapshot.of(spark(), out.toString())).isEqualTo(night1);
            assertThat(out.resolve("_lock")).doesNotExist();
        } finally {
            unmount(dir);
        }
    }

    /**
     * Issue #16.5: a night with entities on, on a disk left with 400 KB: the entity write fails, then so does the
     * FAILED row of runs; that second failure (a SparkException, not a RuntimeException) used to escape as exit 1.
     */
    @Test
    void aDiskThatFillsDuringTheEntityWriteIsStillOutOfSpace() throws Exception {
        Path dir = tmpfs("20m");
        Path mnt = dir.resolve("mnt");
        try {
            Path out = mnt.resolve("out");
            NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", SharedData.sampleCorpus().toString(),
                    "output", out.toString(), "run-date", "2018-05-30", "entities.enabled", "false")));
            List<String> night1 = TableSnapshot.of(spark(), out.toString());
            long free = Files.getFileStore(mnt).getUsableSpace();
            try (var filler = java.nio.channels.FileChannel.open(mnt.resolve("filler"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate(1 << 16);
                for (long left = free - 400 * 1024; left > 0; left -= zeros.capacity()) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), left));
                    filler.write(zeros);
                }
            }
            Path corpus = dir.resolve("gen");
            new CorpusGenerator(CorpusGenerator.Rates.defaults(), 5).generate(corpus, 3_000);
            assertThatThrownBy(() -> NightlyJob.run(spark(), ConfigLoader.load(null, Map.of(
                    "input", corpus.resolve("corpus").toString(), "output", out.toString(), "run-date", "2018-05-31"))))
                    .isInstanceOf(OutputException.class)
                    .hasMessageContaining("no space left under " + out)
                    .hasMessageContaining("removes whatever this run left in " + out + "/_staging")
                    .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
            assertThat(TableSnapshot.of(spark(), out.toString())).isEqualTo(night1);
            assertThat(out.resolve("_lock")).doesNotExist();
        } finally {
            unmount(dir);
        }
    }
}
