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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Spark standalone cluster: a Master and a Worker as separate JVMs on 127.0.0.1, the thin job jar submitted
 * through submit/nightly.sh, executors launched by the Worker, one of them killed mid-stage. The tables must equal a
 * local[2] run's.
 */
class StandaloneClusterIT extends SparkStageTest {

    static Path dir;
    static Process master;
    static Process worker;
    static String masterUrl;

    @BeforeAll
    static void startCluster() throws Exception {
        dir = Files.createTempDirectory("news-etl-standalone");
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
        Files.createSymbolicLink(sparkHome.resolve("news-etl-all.jar"), Jvms.allJar());
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.getParent().toString(), "SPARK_SCALA_VERSION", "2.12",
                "SPARK_LOCAL_IP", "127.0.0.1");
        int port = Jvms.freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        Path masterLog = dir.resolve("master.log");
        master = Jvms.java(List.of("-Xmx512m", "-cp", Jvms.allJar().toString(), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port",
                Integer.toString(Jvms.freePort())), env, masterLog);
        Jvms.awaitLog(masterLog, l -> l.contains("I have been elected leader"), Duration.ofSeconds(60), master);
        Path workerLog = dir.resolve("worker.log");
        worker = Jvms.java(List.of("-Xmx512m", "-cp", Jvms.allJar().toString(), "org.apache.spark.deploy.worker.Worker",
                masterUrl, "--host", "127.0.0.1", "--cores", "2", "--memory", "3g", "--webui-port",
                Integer.toString(Jvms.freePort()), "--work-dir", dir.resolve("work").toString()), env, workerLog);
        Jvms.awaitLog(workerLog, l -> l.contains("Successfully registered with master"), Duration.ofSeconds(60), worker);
    }

    @AfterAll
    static void stopCluster() {
        Jvms.kill(worker);
        Jvms.kill(master);
    }

    private Process nightly(Path input, Path output, Path log) throws Exception {
        return Jvms.start(List.of("bash", "submit/nightly.sh", "--master", masterUrl, "--run-date", "2018-05-30",
                        "--input", input.toString(), "--output", output.toString(),
                        "--spark-conf", "spark.driver.host=127.0.0.1", "--spark-conf", "spark.cores.max=2"),
                Map.of("EXECUTOR_MEMORY", "1g", "DRIVER_MEMORY", "1g", "SPARK_LOCAL_IP", "127.0.0.1"), log);
    }

    private List<String> localRun(Path input, Path output) {
        NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", input.toString(), "output", output.toString(),
                "run-date", "2018-05-30")));
        return TableSnapshot.withoutRunIds(TableSnapshot.of(spark(), output.toString()));
    }


    /**
     * One night on the cluster, whose executor is killed mid-stage: the generated corpus with the sample corpus (its
     * malformed and hostile files) inside. The run recovers, its balance holds, and its tables equal a local run's.
     */
    @Test
    void aClusterNightWithAnExecutorKilledMidStageEqualsALocalRun() throws Exception {
        Path corpus = dir.resolve("gen");
        new CorpusGenerator(CorpusGenerator.Rates.defaults(), 7).generate(corpus, 3_000);
        Path input = corpus.resolve("corpus");
        Path sample = SharedData.sampleCorpus();
        try (Stream<Path> files = Files.walk(sample)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = input.resolve("sample").resolve(sample.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        long inputFiles;
        try (Stream<Path> files = Files.walk(input)) {
            inputFiles = files.filter(Files::isRegularFile).count();
        }
        Path out = dir.resolve("out-cluster");
        Path log = dir.resolve("nightly.log");
        long t0 = System.nanoTime();
        Process p = nightly(input, out, log);
        Jvms.awaitLog(log, l -> l.contains("stage=list"), Duration.ofMinutes(2), p);
        Thread.sleep(1500);
        List<ProcessHandle> executors = ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .toList();
        assertThat(executors).as("a running executor").isNotEmpty();
        executors.forEach(ProcessHandle::destroyForcibly);
        int code = Jvms.waitFor(p, Duration.ofMinutes(8), log);
        System.out.printf("standalone cluster run: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(code).as(Jvms.tail(log)).isZero();
        assertThat(Files.readString(log)).containsPattern("balance +" + String.format("%,d", inputFiles)
                + " input = [\\d,]+ articles \\+ [\\d,]+ duplicates \\+ [\\d,]+ rejects: OK");
        assertThat(TableSnapshot.withoutRunIds(TableSnapshot.of(spark(), out.toString())))
                .isNotEmpty().isEqualTo(localRun(input, dir.resolve("out-local")));
    }
}
