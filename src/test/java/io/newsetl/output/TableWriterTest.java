package io.newsetl.output;

import io.newsetl.config.JobConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.testing.SparkStageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableWriterTest extends SparkStageTest {

    private static final TableSchema T = new TableSchema("t", "pub_date", List.of("id"), List.of(
            new Column("id", "id", DataTypes.StringType, "id"),
            new Column("night", "night", DataTypes.StringType, "which night wrote it"),
            new Column("pub_date", "pub_date", DataTypes.DateType, "partition")));

    private Dataset<Row> rows(String night, String... idsAndDates) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < idsAndDates.length; i += 2) {
            rows.add(RowFactory.create(idsAndDates[i], night, java.sql.Date.valueOf(idsAndDates[i + 1])));
        }
        return spark().createDataFrame(rows, T.structType());
    }

    private void write(Path out, LocalDate night, Dataset<Row> rows) {
        write(out, night, rows, null);
    }

    /** A night's rows committed, its earlier files looked for in the folders {@code where} (null: every folder). */
    private void write(Path out, LocalDate night, Dataset<Row> rows, java.util.Set<String> where) {
        String staging = out + "/_staging/" + night;
        TableWriter.stage(T.project(rows), T, staging, new JobConfig.Write("snappy", 1, 1000, 0, 128L << 20), 2,
                TableWriter.Spread.BY_PARTITION);
        assertThat(TableWriter.stagedFolders(spark().sparkContext().hadoopConfiguration(), staging, T))
                .allMatch(f -> f.startsWith("pub_date="));
        TableWriter.commit(spark().sparkContext().hadoopConfiguration(), staging, out.toString(), T, night, where);
    }

    @Test
    void aRerunLooksForItsEarlierFilesOnlyInTheFoldersItIsToldOf(@TempDir Path out) throws Exception {
        LocalDate n1 = LocalDate.parse("2018-05-29");
        write(out, n1, rows("n1", "a", "2018-05-29", "b", "2018-05-28"), java.util.Set.of());
        // Told of one folder only, a rerun replaces the night's file there and leaves the other (which is why every
        // run records all its folders before its first rename).
        write(out, n1, rows("n1-rerun", "e", "2018-05-27"), java.util.Set.of("pub_date=2018-05-29"));
        assertThat(ids(out)).containsExactly("b/n1", "e/n1-rerun");
        assertThat(out.resolve("t/pub_date=2018-05-29")).doesNotExist();
        write(out, n1, rows("n1-again", "a", "2018-05-29"), java.util.Set.of("pub_date=2018-05-27",
                "pub_date=2018-05-28", "pub_date=2018-05-29"));
        assertThat(ids(out)).containsExactly("a/n1-again");
    }

    private List<String> ids(Path out) {
        return spark().read().parquet(out.resolve("t").toString()).orderBy("id").collectAsList().stream()
                .map(r -> r.getString(0) + "/" + r.getString(1)).toList();
    }

    @Test
    void aTablesFilesAreTheFilesItsReaderReads(@TempDir Path out) throws Exception {
        assertThat(TableWriter.files(spark(), out.toString(), T)).isEmpty();
        write(out, LocalDate.parse("2018-05-29"), rows("n1", "a", "2018-05-29", "b", "2018-05-28"));
        write(out, LocalDate.parse("2018-05-30"), rows("n2", "c", "2018-05-29"));
        String[] files = TableWriter.files(spark(), out.toString(), T);
        // Spark's checksums (.crc) and markers (_SUCCESS-like) beside them are not data files.
        assertThat(files).hasSize(3).isSorted().noneMatch(f -> f.contains("/.") || f.contains("/_"));
        String[] read = TableWriter.read(spark(), out.toString(), T).inputFiles();
        assertThat(Stream.of(files).map(TableWriterTest::path))
                .containsExactlyInAnyOrderElementsOf(Stream.of(read).map(TableWriterTest::path).toList());
    }

    /** A file's path without its scheme ({@code file:/x} and {@code file:///x} name the same file). */
    private static String path(String file) {
        return new org.apache.hadoop.fs.Path(file).toUri().getPath();
    }

    @Test
    void rerunReplacesOnlyThatNightsFilesInEveryPartition(@TempDir Path out) throws Exception {
        LocalDate n1 = LocalDate.parse("2018-05-29");
        LocalDate n2 = LocalDate.parse("2018-05-30");
        write(out, n1, rows("n1", "a", "2018-05-29", "b", "2018-05-28"));
        write(out, n2, rows("n2", "c", "2018-05-29", "d", "2018-05-30"));
        // Rerun of night 1 with different content: its old row in 2018-05-28 must disappear.
        write(out, n1, rows("n1-rerun", "a", "2018-05-29", "e", "2018-05-27"));

        Dataset<Row> t = spark().read().parquet(out.resolve("t").toString());
        List<String> got = t.orderBy("id").collectAsList().stream().map(r -> r.getString(0) + "/" + r.getString(1)).toList();
        assertThat(got).containsExactly("a/n1-rerun", "c/n2", "d/n2", "e/n1-rerun");
        assertThat(Files.exists(out.resolve("t/pub_date=2018-05-28"))).isFalse();
        try (Stream<Path> files = Files.walk(out.resolve("t"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".parquet")).map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.matches("part-r2018053[0]-\\d{5}\\.snappy\\.parquet|part-r20180529-\\d{5}\\.snappy\\.parquet"));
        }
    }

    @Test
    void mergedRowsAreWrittenBySeveralTasksWithoutAShuffleEachFileSorted(@TempDir Path out) throws Exception {
        TableSchema index = new TableSchema("idx", "run_date", List.of("h"), List.of(
                new Column("h", "h", DataTypes.StringType, "hash"),
                new Column("run_date", "run_date", DataTypes.DateType, "night")));
        java.sql.Date night = java.sql.Date.valueOf("2018-05-29");
        List<Row> in = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            in.add(RowFactory.create(String.format("%08x", (i * 2654435761L) & 0xffffffffL), night));
        }
        // Eight partitions as an aggregation would leave them: written by two tasks without another shuffle.
        Dataset<Row> rows = spark().createDataFrame(in, index.structType()).repartition(8);
        String staging = out + "/_staging/n1";
        TableWriter.stage(index.project(rows), index, staging, new JobConfig.Write("snappy", 1, 1000, 0, 128L << 20), 2,
                TableWriter.Spread.MERGED);
        TableWriter.commit(spark().sparkContext().hadoopConfiguration(), staging, out.toString(), index,
                night.toLocalDate(), null);

        List<Path> files;
        try (Stream<Path> walk = Files.walk(out.resolve("idx/run_date=2018-05-29"))) {
            files = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
        assertThat(files).hasSize(2);
        List<String> all = new java.util.ArrayList<>();
        for (Path f : files) {
            List<String> hashes = spark().read().parquet(f.toString()).collectAsList().stream()
                    .map(r -> r.getString(0)).toList();
            assertThat(hashes).isSorted();
            all.addAll(hashes);
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(in.stream().map(r -> r.getString(0)).toList());
    }

    @Test
    void aTableWithACodecOfItsOwnKeepsItWhateverTheConfigSays() {
        assertThat(TableWriter.codec(TableSchemas.DEDUP_KEYS, "zstd")).isEqualTo("uncompressed");
        assertThat(TableWriter.codec(TableSchemas.DEDUP_KEYS, "snappy")).isEqualTo("uncompressed");
        assertThat(TableWriter.codec(TableSchemas.ARTICLES, "zstd")).isEqualTo("zstd");
        assertThat(TableWriter.codec(T, "snappy")).isEqualTo("snappy");
    }

    @Test
    void columnDescriptionsTravelIntoTheParquetSchema(@TempDir Path out) {
        write(out, LocalDate.parse("2018-05-29"), rows("n1", "a", "2018-05-29"));
        var field = spark().read().parquet(out.resolve("t").toString()).schema().apply("night");
        assertThat(field.getComment().get()).isEqualTo("which night wrote it");
    }
}
