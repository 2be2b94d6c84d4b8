package io.newsetl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.output.TableDdl;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registration against Spark's own catalog (the job uses a Hive metastore; the statements are the same): first
 * sight creates every table with its partitions, a night adds only its own, a changed schema or a moved output
 * recreates the table. The real metastore is proven in CatalogIT.
 */
class CatalogSyncTest extends SparkStageTest {

    private static SortedSet<String> partitions(Path table) throws IOException {
        try (Stream<Path> s = Files.list(table)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> n.contains("=")).toList());
        }
    }

    private long count(String sql) {
        return spark().sql(sql).first().getLong(0);
    }

    @Test
    void firstSightRegistersEverythingThenANightAddsItsPartitions(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", SharedData.sampleCorpus().toString(),
                "output", out.toString(), "run-date", "2018-05-30", "stats.enabled", "false")));
        CatalogSync.Result first = CatalogSync.sync(spark(), out.toString(), "catalog_test", TableDdl.tables(), Map.of());
        assertThat(first.created()).isEqualTo(io.newsetl.output.TableSchemas.all().size())
                .isEqualTo(first.tables());   // no stats tables: stats off
        assertThat(first.partitionsAdded()).isGreaterThan(5);
        assertThat(count("SELECT count(*) FROM catalog_test.articles")).isEqualTo(19);
        assertThat(count("SELECT count(*) FROM catalog_test.rejects")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM catalog_test.entities")).isEqualTo(57);
        // names_total: one row per name over every night, its forms summed.
        assertThat(count("SELECT sum(mentions) FROM catalog_test.names_total")).isEqualTo(57);
        assertThat(count("SELECT count(*) FROM catalog_test.names_total WHERE "
                + "aggregate(map_values(variants), 0L, (a, x) -> a + x) != mentions OR first_seen > last_seen")).isZero();

        // A second night: only its own partitions are added.
        Path input2 = Files.createDirectories(dir.resolve("in2"));
        Files.writeString(input2.resolve("typo.txt"), "");
        SortedSet<String> before = partitions(out.resolve("rejects"));
        NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", input2.toString(),
                "output", out.toString(), "run-date", "2018-05-31", "stats.enabled", "false")));
        SortedSet<String> added = partitions(out.resolve("rejects"));
        added.removeAll(before);
        assertThat(added).containsExactly("run_date=2018-05-31");
        CatalogSync.Result second = CatalogSync.sync(spark(), out.toString(), "catalog_test", TableDdl.tables(),
                Map.of("rejects", new CatalogSync.Changes(added, new TreeSet<>())));
        assertThat(second.created()).isZero();
        assertThat(second.recreated()).isZero();
        assertThat(second.partitionsAdded()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM catalog_test.rejects")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM catalog_test.runs")).isEqualTo(2);

        // A table registered with another schema (an older release) is recreated with all its partitions.
        spark().sql("DROP TABLE catalog_test.rejects");
        spark().sql("CREATE TABLE catalog_test.rejects (document_id STRING, run_date DATE) USING parquet "
                + "PARTITIONED BY (run_date) LOCATION '" + out.resolve("rejects").toUri() + "'");
        CatalogSync.Result third = CatalogSync.sync(spark(), out.toString(), "catalog_test", TableDdl.tables(), Map.of());
        assertThat(third.recreated()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM catalog_test.rejects WHERE reason IS NOT NULL")).isEqualTo(6);

        // A moved output: every table follows it.
        Path moved = dir.resolve("moved");
        Files.move(out, moved);
        CatalogSync.Result fourth = CatalogSync.sync(spark(), moved.toString(), "catalog_test", TableDdl.tables(), Map.of());
        assertThat(fourth.recreated()).isEqualTo(io.newsetl.output.TableSchemas.all().size());
        assertThat(count("SELECT count(*) FROM catalog_test.articles")).isEqualTo(19);
    }

    @Test
    void partitionFoldersBecomeSpecs() {
        assertThat(CatalogSync.spec("pub_date=2018-05-29")).isEqualTo("pub_date = '2018-05-29'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CatalogSync.spec("pub_date=x' OR 1=1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
