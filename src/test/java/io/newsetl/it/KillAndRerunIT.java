package io.newsetl.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.bench.CorpusGenerator;
import io.newsetl.config.ConfigLoader;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import io.newsetl.testing.TableSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The driver killed (SIGKILL) while it writes a night: readers see the previous state, no partial files; the
 * rerun takes over the dead run's lock and gives exactly the tables of a clean run.
 */
class KillAndRerunIT extends SparkStageTest {

    @Test
    void driverKilledMidWriteThenRerunEqualsACleanRun() throws Exception {
        Path dir = Files.createTempDirectory("news-etl-kill");
        Path corpus = dir.resolve("gen");
        new CorpusGenerator(CorpusGenerator.Rates.defaults(), 11).generate(corpus, 3_000);
        Path out = dir.resolve("out");
        Path clean = dir.resolve("clean");
        // Night 1 committed in both outputs.
        for (Path o : List.of(out, clean)) {
            NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", SharedData.sampleCorpus().toString(),
                    "output", o.toString(), "run-date", "2018-05-29")));
        }
        List<String> afterNight1 = TableSnapshot.of(spark(), out.toString());

        Path log = dir.resolve("killed.log");
        Process p = Jvms.start(List.of("bash", "submit/nightly.sh", "--master", "local[2]", "--run-date", "2018-05-30",
                "--input", corpus.resolve("corpus").toString(), "--output", out.toString()), Map.of(), log);
        Jvms.awaitLog(log, l -> l.contains("stage=read_parse"), Duration.ofMinutes(5), p);
        // A second run against the same output while the first is running refuses, naming the owner.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NightlyJob.run(spark(), ConfigLoader.load(null,
                        Map.of("input", SharedData.sampleCorpus().toString(), "output", out.toString(),
                                "run-date", "2018-05-31"))))
                .isInstanceOf(io.newsetl.model.LockedException.class)
                .hasMessageContaining("Another run is writing to " + out).hasMessageContaining("pid=" + p.pid());
        Jvms.awaitLog(log, l -> l.contains("stage=dedup"), Duration.ofMinutes(5), p);
        Path staged = out.resolve("_staging");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!hasParquet(staged) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(p.isAlive()).as("still writing when killed: " + Jvms.tail(log)).isTrue();
        Jvms.kill(p);
        assertThat(out.resolve("_lock")).as("the dead run's lock is left behind").exists();
        assertThat(TableSnapshot.of(spark(), out.toString())).as("readers see night 1 only").isEqualTo(afterNight1);

        // Rerun: takes over the lock of the dead process, replaces the staging, commits.
        NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", corpus.resolve("corpus").toString(),
                "output", out.toString(), "run-date", "2018-05-30")));
        NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", corpus.resolve("corpus").toString(),
                "output", clean.toString(), "run-date", "2018-05-30")));
        assertThat(TableSnapshot.withoutRunIds(TableSnapshot.of(spark(), out.toString())))
                .isEqualTo(TableSnapshot.withoutRunIds(TableSnapshot.of(spark(), clean.toString())));
        try (Stream<Path> s = Files.walk(out)) {
            // The statistics tables under stats/ are replaced whole by each run's last step, not per night.
            assertThat(s.filter(f -> f.toString().endsWith(".parquet") && !out.relativize(f).startsWith("stats"))
                            .map(f -> f.getFileName().toString()))
                    .as("only committed files, no orphans of the killed run")
                    .allMatch(n -> n.matches("part-r2018(0529|0530)-\\d{5}(\\.zstd)?\\.parquet"));
        }
        assertThat(out.resolve("_staging")).doesNotExist();
    }

    private static boolean hasParquet(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        }
    }
}
