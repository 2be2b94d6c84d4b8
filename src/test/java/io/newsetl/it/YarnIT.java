package io.newsetl.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import io.newsetl.testing.TableSnapshot;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.junit.jupiter.api.Test;

/**
 * A real YARN cluster in this JVM (ResourceManager, one NodeManager); submit/nightly.sh --master yarn launches the
 * application master and the executors as container JVMs. The tables must equal a local[2] run's.
 */
class YarnIT extends SparkStageTest {

    @Test
    void nightlyOnYarnEqualsALocalRun() throws Exception {
        Path dir = Files.createTempDirectory("news-etl-yarn");
        YarnConfiguration yc = new YarnConfiguration();
        yc.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
        yc.setInt(YarnConfiguration.NM_VCORES, 4);
        yc.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
        yc.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
        yc.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        yc.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        yc.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100f);
        yc.set("yarn.scheduler.capacity.root.queues", "default");
        yc.set("yarn.scheduler.capacity.root.default.capacity", "100");
        yc.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
        yc.setLong("yarn.nodemanager.log.retain-seconds", 0);
        MiniYARNCluster yarn = new MiniYARNCluster("news-etl", 1, 1, 1);
        long t0 = System.nanoTime();
        yarn.init(yc);
        yarn.start();
        try {
            for (int i = 0; i < 100 && yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0"); i++) {
                Thread.sleep(100);
            }
            Path confDir = Files.createDirectories(dir.resolve("hadoop-conf"));
            for (String f : List.of("yarn-site.xml", "core-site.xml")) {
                try (OutputStream out = Files.newOutputStream(confDir.resolve(f))) {
                    yarn.getConfig().writeXml(out);
                }
            }
            Path emptyJar = dir.resolve("empty.jar");
            try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(emptyJar))) {
                jar.putNextEntry(new java.util.zip.ZipEntry("META-INF/"));
            }
            String cp = Jvms.allJar().toString();
            String javaHome = System.getProperty("java.home");
            Path out = dir.resolve("out-yarn");
            Path log = dir.resolve("nightly.log");
            List<String> cmd = new ArrayList<>(List.of("bash", "submit/nightly.sh", "--master", "yarn", "--run-date",
                    "2018-05-30", "--input", SharedData.sampleCorpus().toString(), "--output", out.toString()));
            for (String c : List.of("spark.yarn.jars=local:" + emptyJar, "spark.driver.extraClassPath=" + cp,
                    "spark.executor.extraClassPath=" + cp, "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
                    "spark.executorEnv.JAVA_HOME=" + javaHome, "spark.yarn.am.memory=512m",
                    "spark.yarn.am.memoryOverhead=384m", "spark.executor.memoryOverhead=384m",
                    "spark.yarn.stagingDir=file:" + dir.resolve("staging"), "spark.driver.host=127.0.0.1",
                    // The UI's AM IP filter lives in hadoop-yarn-server-web-proxy, which a Spark distribution has
                    // and the self-contained jar has not (see README, "YARN without a Spark distribution").
                    "spark.ui.enabled=false")) {
                cmd.add("--spark-conf");
                cmd.add(c);
            }
            Process p = Jvms.start(cmd, Map.of("HADOOP_CONF_DIR", confDir.toString(), "JAVA_HOME", javaHome,
                    "EXECUTOR_MEMORY", "768m", "DRIVER_MEMORY", "1g", "NUM_EXECUTORS", "1", "SPARK_LOCAL_IP", "127.0.0.1"),
                    log);
            int code = Jvms.waitFor(p, Duration.ofMinutes(6), log);
            assertThat(code).as(Jvms.tail(log)).isZero();
            assertThat(Files.readString(log)).contains("balance          25 input = 19 articles + 1 duplicates + 5 rejects: OK");
            System.out.printf("YARN test: %.1f s%n", (System.nanoTime() - t0) / 1e9);

            Path local = dir.resolve("out-local");
            NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", SharedData.sampleCorpus().toString(),
                    "output", local.toString(), "run-date", "2018-05-30")));
            assertThat(TableSnapshot.withoutRunIds(TableSnapshot.of(spark(), out.toString())))
                    .isEqualTo(TableSnapshot.withoutRunIds(TableSnapshot.of(spark(), local.toString())));
        } finally {
            yarn.stop();
        }
    }
}
