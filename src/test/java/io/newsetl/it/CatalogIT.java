package io.newsetl.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.output.TableDdl;
import io.newsetl.output.TableSchema;
import io.newsetl.testing.SparkStageTest;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real Hive metastore (its own JVM, Thrift, Derby behind it); two small nights through submit/nightly.sh register the
 * tables in it; then a fresh JVM that shares only the metastore ({@code news-etl sql}, no DDL, no output path)
 * queries every table and both nights' partitions, and gets what the folders hold.
 */
class CatalogIT extends SparkStageTest {

    private static final Pattern ROW = Pattern.compile("^\\|([a-z_]+)\\s*\\|(\\d+)\\s*\\|$");

    @Test
    void twoNightsRegisterTheTablesAndAFreshSessionQueriesThem() throws Exception {
        Path dir = Files.createTempDirectory("news-etl-catalog");
        int port = Jvms.freePort();
        String uri = "thrift://127.0.0.1:" + port;
        Path hmsLog = dir.resolve("metastore.log");
        Process hms = Jvms.java(List.of("-Djavax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=" + dir.resolve("hms-db")
                        + ";create=true", "-Ddatanucleus.schema.autoCreateAll=true",
                "-Dhive.metastore.schema.verification=false", "-Dhive.metastore.warehouse.dir=" + dir.resolve("hms-warehouse"),
                "-Dderby.stream.error.file=" + dir.resolve("derby.log"),
                "-cp", Jvms.allJar() + ":" + Jvms.BASEDIR.resolve("target/lib") + "/*",
                "org.apache.hadoop.hive.metastore.HiveMetaStore", "-p", Integer.toString(port)), Map.of(), hmsLog);
        try {
            awaitPort(port, hms, hmsLog);
            Path out = dir.resolve("out");
            Path night2 = smallNight(dir.resolve("night2"), "2018-05-31");
            night(out, smallNight(dir.resolve("night1"), "2018-05-30"), "2018-05-30", uri, dir.resolve("night1.log"));
            // Night 2 skips the statistics: the catalog still registers night 1's statistics tables.
            night(out, night2, "2018-05-31", uri, dir.resolve("night2.log"), "stats.enabled=false");

            // What the folders hold, read directly.
            Map<String, Long> expected = new TreeMap<>();
            for (TableSchema t : TableDdl.tables()) {
                expected.put(t.name(), spark().read().parquet(out.resolve(TableDdl.folder(t)).toString()).count());
            }
            assertThat(expected.get("runs")).isEqualTo(2);

            // A fresh JVM with only the metastore's address: every table, both nights.
            List<String> counts = new ArrayList<>();
            for (TableSchema t : TableDdl.tables()) {
                counts.add("SELECT '" + t.name() + "' AS t, count(*) AS n FROM news." + t.name());
            }
            String perNight = "SELECT concat('nights_', t) AS t, count(DISTINCT run_date) AS n FROM ("
                    + "SELECT 'rejects' AS t, run_date FROM news.rejects UNION ALL "
                    + "SELECT 'paragraph_index', run_date FROM news.paragraph_index UNION ALL "
                    + "SELECT 'articles', run_date FROM news.articles UNION ALL "
                    + "SELECT 'entities', run_date FROM news.entities) GROUP BY t";
            Path sqlLog = dir.resolve("sql.log");
            Process sql = Jvms.java(List.of("-Dlog4j2.configurationFile=" + Jvms.BASEDIR.resolve("conf/log4j2.properties"),
                    "-cp", Jvms.allJar() + ":" + Jvms.BASEDIR.resolve("target/lib") + "/*", "io.newsetl.cli.NewsEtl",
                    "sql", "--max-rows", "100", "--set", "catalog.metastore-uri=" + uri,
                    String.join(" UNION ALL ", counts) + " ORDER BY t", perNight + " ORDER BY t"), Map.of(), sqlLog);
            assertThat(Jvms.waitFor(sql, Duration.ofMinutes(5), sqlLog)).as(Jvms.tail(sqlLog)).isZero();
            Map<String, Long> seen = new TreeMap<>();
            for (String line : Files.readAllLines(sqlLog)) {
                Matcher m = ROW.matcher(line.strip());
                if (m.matches()) {
                    seen.put(m.group(1), Long.parseLong(m.group(2)));
                }
            }
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                assertThat(seen.get(e.getKey())).as("rows of news." + e.getKey() + " through the metastore")
                        .isEqualTo(e.getValue());
            }
            assertThat(seen).containsEntry("nights_rejects", 2L).containsEntry("nights_paragraph_index", 2L)
                    .containsEntry("nights_articles", 2L).containsEntry("nights_entities", 2L);
            // Every table in its Hive-compatible form (what Trino reads), none in Spark's own.
            assertThat(Files.readString(dir.resolve("night1.log"))).doesNotContain("in a Hive compatible way");
            assertThat(Files.readString(dir.resolve("night2.log")))
                    .contains("catalog: SUCCEEDED: " + TableDdl.tables().size() + " tables (0 created, 0 recreated)");
        } finally {
            Jvms.kill(hms);
        }
    }

    /** A night of one KBS-style article dated {@code date} (its body names the date: no copy of another night's)
     * and one empty file (a reject). */
    private static Path smallNight(Path dir, String date) throws java.io.IOException {
        Files.createDirectories(dir);
        String stamp = date.replace('-', '.');
        Files.writeString(dir.resolve("exports.txt"), " date " + date + " Exports Rise News Today 입력 " + stamp
                + " (09:00) 수정 " + stamp + " (09:10)\n\nExports rose for a third month as chip shipments to China "
                + "climbed, the trade ministry in Sejong said on " + date + ".\n");
        Files.writeString(dir.resolve("empty.txt"), "");
        return dir;
    }

    private static void night(Path out, Path input, String date, String uri, Path log, String... settings)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "submit/nightly.sh", "--master", "local[2]", "--run-date",
                date, "--input", input.toString(), "--output", out.toString(), "--set", "catalog.metastore-uri=" + uri));
        for (String s : settings) {
            cmd.add("--set");
            cmd.add(s);
        }
        Process p = Jvms.start(cmd, Map.of(), log);
        assertThat(Jvms.waitFor(p, Duration.ofMinutes(10), log)).as(Jvms.tail(log)).isZero();
    }

    private static void awaitPort(int port, Process p, Path log) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the metastore exited: " + Jvms.tail(log));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the metastore did not open port " + port + ": " + Jvms.tail(log));
    }

    /**
     * A local output without a metastore address gets its own embedded catalog: a later JVM's {@code sql --output}
     * sees the tables. A metastore that cannot be reached leaves the night committed (exit 0) and says so in
     * {@code runs.catalog_status}. Both nights skip entities and statistics, which the catalog does not need.
     */
    @Test
    void aLocalOutputHasItsEmbeddedCatalogAndAnUnreachableMetastoreSparesTheNight() throws Exception {
        Path dir = Files.createTempDirectory("news-etl-catalog-local");
        Path out = dir.resolve("out");
        Path input = smallNight(dir.resolve("in"), "2018-05-30");
        String cp = Jvms.allJar() + ":" + Jvms.BASEDIR.resolve("target/lib") + "/*";
        String log4j = "-Dlog4j2.configurationFile=" + Jvms.BASEDIR.resolve("conf/log4j2.properties");
        Path runLog = dir.resolve("run.log");
        Process run = Jvms.java(List.of(log4j, "-cp", cp, "io.newsetl.cli.NewsEtl", "run", "--input",
                input.toString(), "--output", out.toString(), "--run-date", "2018-05-30",
                "--set", "spark.master=local[2]", "--set", "stats.enabled=false", "--set", "entities.enabled=false"),
                Map.of(), runLog);
        assertThat(Jvms.waitFor(run, Duration.ofMinutes(10), runLog)).as(Jvms.tail(runLog)).isZero();
        assertThat(out.resolve("_catalog/metastore_db")).isDirectory();

        Path sqlLog = dir.resolve("sql.log");
        Process sql = Jvms.java(List.of(log4j, "-cp", cp, "io.newsetl.cli.NewsEtl", "sql", "--output", out.toString(),
                "SELECT 'articles' AS t, count(*) AS n FROM news.articles UNION ALL "
                        + "SELECT 'rejects', count(*) FROM news.rejects"), Map.of(), sqlLog);
        assertThat(Jvms.waitFor(sql, Duration.ofMinutes(5), sqlLog)).as(Jvms.tail(sqlLog)).isZero();
        String printed = Files.readString(sqlLog);
        assertThat(printed).containsPattern("\\|articles\\s*\\|1\\s*\\|").containsPattern("\\|rejects\\s*\\|1\\s*\\|");

        // Nothing listens on this port: the registration fails, the night stands.
        Path deadLog = dir.resolve("dead.log");
        Process dead = Jvms.java(List.of(log4j, "-Dspark.hadoop.hive.metastore.connect.retries=1", "-cp", cp, "io.newsetl.cli.NewsEtl", "run", "--input",
                input.toString(), "--output", dir.resolve("out2").toString(), "--run-date",
                "2018-05-30", "--set", "spark.master=local[2]", "--set", "stats.enabled=false", "--set",
                "entities.enabled=false", "--set",
                "catalog.metastore-uri=thrift://127.0.0.1:" + Jvms.freePort()), Map.of(), deadLog);
        assertThat(Jvms.waitFor(dead, Duration.ofMinutes(10), deadLog)).as(Jvms.tail(deadLog)).isZero();
        org.apache.spark.sql.Row runs = spark().read().parquet(dir.resolve("out2/runs").toString()).first();
        assertThat(runs.<String>getAs("status")).isEqualTo("SUCCEEDED");
        assertThat(runs.<String>getAs("catalog_status")).startsWith("FAILED");
        assertThat(spark().read().parquet(dir.resolve("out2/articles").toString()).count()).isEqualTo(1);
    }
}
