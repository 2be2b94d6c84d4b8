package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsetl.config.ConfigLoader;
import io.newsetl.output.RunRecord;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.testing.SparkStageTest;
import io.newsetl.testing.TableSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nights into one output: dedup against committed nights, idempotent reruns, and a backfill. */
class IncrementalNightsTest extends SparkStageTest {

    private static final String S1 = "Negotiators from both Koreas met again on Monday in the truce village to prepare the summit.\n"
            + "The delegation from Seoul was led by the vice unification minister, officials said.\n";
    private static final String S2 = "Heavy rain is forecast for the southern provinces as a typhoon approaches the peninsula.\n"
            + "The safety ministry raised its alert level and asked fishing boats to return to port.\n"
            + "Schools in Busan and Ulsan will close on Thursday, the education office announced.\n";

    @TempDir
    Path dir;
    Path night1;
    Path night2;

    static String kbs(String title, String stamp, String body) {
        return " date " + stamp.substring(0, 10) + " " + title + " News Today 입력 " + stamp.replace('-', '.')
                .replace("T", " (") + ") 수정 " + stamp.replace('-', '.').replace("T", " (") + ")\n\n" + body;
    }

    @BeforeEach
    void corpora() throws Exception {
        night1 = Files.createDirectories(dir.resolve("in/2018-05-28"));
        night2 = Files.createDirectories(dir.resolve("in/2018-05-29"));
        Files.writeString(night1.resolve("talks.txt"), kbs("Talks Resume", "2018-05-28T15:02", S1));
        Files.writeString(night1.resolve("typhoon.txt"), kbs("Typhoon Nears", "2018-05-28T16:00", S2));
        Files.writeString(night2.resolve("talks-again.txt"), kbs("TALKS RESUME", "2018-05-29T09:00", S1));
        Files.writeString(night2.resolve("typhoon-update.txt"),
                kbs("Typhoon Update", "2018-05-29T10:00", "Update: the typhoon has weakened slightly.\n" + S2));
        Files.writeString(night2.resolve("new-story.txt"), kbs("Exports Rise", "2018-05-29T11:00",
                "Exports rose for a third month as chip shipments to China climbed sharply.\n"));
    }

    private RunRecord run(Path input, Path out, String date) {
        return NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", input.toString(),
                "output", out.toString(), "run-date", date)));
    }

    /** A night of dedup alone (entities and statistics off). */
    private RunRecord dedupOnly(Path input, Path out, String date) {
        return NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", input.toString(),
                "output", out.toString(), "run-date", date, "entities.enabled", "false", "stats.enabled", "false")));
    }

    private Map<String, String> duplicates(Path out) {
        Map<String, String> ids = TableWriter.read(spark(), out.toString(), TableSchemas.ARTICLES)
                .collectAsList().stream().collect(Collectors.toMap(r -> r.<String>getAs("article_id"),
                        r -> name(r.getAs("source_path"))));
        return spark().read().parquet(out.resolve("duplicates").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> name(r.getAs("source_path")),
                        r -> r.<String>getAs("duplicate_kind") + " of " + ids.get(r.<String>getAs("duplicate_of"))));
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static List<String> withoutTotals(List<String> rows) {
        return rows.stream().map(r -> r.startsWith("paragraph_index:")
                ? r.replaceFirst("^(([^|]*\\|){4})[^|]*", "$1TOTAL") : r).toList();
    }

    private List<String> allRows(Path out) {
        return TableSnapshot.of(spark(), out.toString());
    }

    @Test
    void secondNightDedupsAgainstTheFirstAndRerunsChangeNothing() throws Exception {
        Path out = dir.resolve("out");
        assertThat(run(night1, out, "2018-05-28").getArticles()).isEqualTo(2);
        RunRecord n2 = run(night2, out, "2018-05-29");
        assertThat(n2.getArticles()).isEqualTo(1);
        assertThat(n2.getExactDuplicates()).isEqualTo(1);
        assertThat(n2.getNearDuplicates()).isEqualTo(1);
        assertThat(duplicates(out)).containsOnly(Map.entry("talks-again.txt", "exact of talks.txt"),
                Map.entry("typhoon-update.txt", "near of typhoon.txt"));

        List<String> before = allRows(out);
        run(night2, out, "2018-05-29");
        assertThat(allRows(out)).as("rerun of night 2").isEqualTo(before);
        run(night1, out, "2018-05-28");
        // Night 1 now also counts night 2's bodies in distinct_bodies_total ("as of the run"); everything else,
        // its canonicals above all, is unchanged.
        assertThat(withoutTotals(allRows(out))).as("rerun of night 1").isEqualTo(withoutTotals(before));

        // Counts are per night and never doubled: S1's first paragraph is carried once each night.
        List<Row> s1 = spark().read().parquet(out.resolve("paragraph_index").toString())
                .where("paragraph_hash = '" + io.newsetl.dedup.TextNormalizer.paragraphHash(S1.lines().findFirst().get()).hex() + "'")
                .orderBy("run_date").collectAsList();
        assertThat(s1).hasSize(2).allSatisfy(r -> assertThat(r.<Long>getAs("articles")).isEqualTo(1L));
        assertThat(spark().read().parquet(out.resolve("runs").toString()).count()).isEqualTo(2);
        assertThat(storedAggregates(out)).as("per-date aggregates after reruns").isEqualTo(aggregatesFromTables(out));

        // A rerun of night 2 whose input moved to another date: 2018-05-29 loses every row, 2018-05-27 appears.
        Path moved = Files.createDirectories(dir.resolve("in/moved"));
        Files.writeString(moved.resolve("early.txt"), kbs("Early Story", "2018-05-27T08:00",
                "Chip exports to Vietnam doubled in a year, customs data showed.\n"));
        run(moved, out, "2018-05-29");
        assertThat(storedAggregates(out)).as("a date emptied, a date added").isEqualTo(aggregatesFromTables(out))
                .anyMatch(r -> r.startsWith("daily [2018-05-27")).noneMatch(r -> r.startsWith("daily [2018-05-29"));
        // The statistics tables the night wrote are those computed from the tables (stats_runs aside: the night's
        // runs row changes after its statistics, which it then carries).
        var fromTables = new java.util.LinkedHashMap<>(io.newsetl.stats.StatsJob.compute(spark(), out.toString(),
                new io.newsetl.stats.StatsJob.Settings(null, null, 20, 5)));
        fromTables.remove(io.newsetl.stats.StatsSchemas.RUNS);
        assertThat(fromTables).hasSize(io.newsetl.stats.StatsSchemas.all().size() - 1);
        fromTables.forEach((t, rows) -> assertThat(sorted(spark().read().parquet(out.resolve("stats/" + t.name())
                .toString()))).as(t.name()).isEqualTo(sorted(t.project(rows))));
    }

    private static List<String> sorted(org.apache.spark.sql.Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    private List<String> aggregatesFromTables(Path out) {
        var all = io.newsetl.stats.DateAggregates.compute(spark(), out.toString());
        return all.entrySet().stream().flatMap(e -> sorted(e.getValue()).stream().map(r -> e.getKey() + " " + r))
                .sorted().toList();
    }

    private List<String> storedAggregates(Path out) {
        var stored = io.newsetl.stats.DateAggregates.stored(spark(), out.toString());
        return stored.entrySet().stream().flatMap(e -> sorted(e.getValue()).stream().map(r -> e.getKey() + " " + r))
                .sorted().toList();
    }

    @Test
    void backfillKeepsCommittedCanonicals() {
        Path out = dir.resolve("backfill");
        run(night2, out, "2018-05-29");
        RunRecord older = run(night1, out, "2018-05-28");
        // The older night's copies were published earlier, but night 2's articles were committed first.
        assertThat(older.getArticles()).isZero();
        assertThat(duplicates(out)).containsOnly(Map.entry("talks.txt", "exact of talks-again.txt"),
                Map.entry("typhoon.txt", "near of typhoon-update.txt"));
    }

    /** A restriction of the history to tonight's keys, as sorted rows: what dedup's joins can see of it. */
    private static List<String> seen(io.newsetl.dedup.CorpusDedup.History h, org.apache.spark.sql.Dataset<Row> keys) {
        org.apache.spark.sql.Dataset<Row> bodies = keys.select(org.apache.spark.sql.functions.col("bodyHash").as("k"));
        org.apache.spark.sql.Dataset<Row> paragraphs = keys.select(
                org.apache.spark.sql.functions.explode(org.apache.spark.sql.functions.col("paragraphHashes")).as("k"));
        return java.util.stream.Stream.of(
                        h.bodies().join(bodies, h.bodies().col("body_hash").equalTo(bodies.col("k")), "left_semi")
                                .collectAsList().stream().map(r -> "body " + r),
                        h.carriers().join(paragraphs, h.carriers().col("paragraph_hash").equalTo(paragraphs.col("k")),
                                "left_semi").collectAsList().stream().map(r -> "carrier " + r),
                        h.counts().join(paragraphs, h.counts().col("paragraph_hash").equalTo(paragraphs.col("k")),
                                "left_semi").collectAsList().stream().map(r -> "count " + r))
                .flatMap(x -> x).sorted().toList();
    }

    @Test
    void aLookupThatFailsInTheBackgroundFailsTheStepThatReadsItsRows() throws Exception {
        Path out = dir.resolve("corrupt");
        Path file = out.resolve("dedup_keys/kind=body/part-r20180528-00000.zstd.parquet");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, "not a parquet file");
        org.apache.spark.sql.Dataset<Row> keys = spark().createDataFrame(List.of(
                        org.apache.spark.sql.RowFactory.create("0123456789abcdef0123456789abcdef", null)),
                new org.apache.spark.sql.types.StructType().add("bodyHash", "string")
                        .add("paragraphHashes", "array<string>"));
        // It returns at once; the probe's failure reaches whoever reads the rows, with the file it could not read.
        var lookup = io.newsetl.dedup.HistoryKeys.lookup(TableWriter.files(spark(), out.toString(),
                TableSchemas.DEDUP_KEYS), java.time.LocalDate.parse("2018-05-29"), keys, 1);
        assertThatThrownBy(() -> lookup.bodies().count()).hasStackTraceContaining("part-r20180528-00000.zstd.parquet");
        lookup.release().run();
    }

    @Test
    void theLookupSeesWhatAScanOfTheTablesSees() throws Exception {
        Path out = dir.resolve("lookup");
        dedupOnly(night1, out, "2018-05-28");
        dedupOnly(night2, out, "2018-05-29");
        java.sql.Date second = java.sql.Date.valueOf("2018-05-29");
        org.apache.spark.sql.Column other = org.apache.spark.sql.functions.col("run_date").notEqual(
                org.apache.spark.sql.functions.lit(second));
        // Night 2's articles and duplicates stand for tonight's keys (a rerun of night 2).
        org.apache.spark.sql.Dataset<Row> keys = TableWriter.read(spark(), out.toString(), TableSchemas.ARTICLES)
                .select("body_hash", "paragraph_hashes")
                .unionByName(TableWriter.read(spark(), out.toString(), TableSchemas.DUPLICATES)
                        .select("body_hash", "paragraph_hashes"))
                .toDF("bodyHash", "paragraphHashes");
        java.time.LocalDate rerun = second.toLocalDate();
        var lookup = io.newsetl.dedup.HistoryKeys.lookup(TableWriter.files(spark(), out.toString(),
                TableSchemas.DEDUP_KEYS), rerun, keys, keys.count());
        var scan = io.newsetl.dedup.HistoryKeys.scan(
                TableWriter.read(spark(), out.toString(), TableSchemas.ARTICLES).where(other)
                        .select("article_id", "body_hash", "paragraph_hashes"),
                TableWriter.read(spark(), out.toString(), TableSchemas.PARAGRAPH_INDEX).where(other)
                        .select("paragraph_hash", "distinct_bodies"));
        List<String> byScan = seen(scan, keys);
        assertThat(byScan).as("night 2 matches night 1 (an exact and a near copy)")
                .anyMatch(r -> r.startsWith("body ")).anyMatch(r -> r.startsWith("carrier "))
                .anyMatch(r -> r.startsWith("count "));
        assertThat(seen(lookup, keys)).isEqualTo(byScan);
        // Each kind is probed with its own keys: the lookup holds no row that only a key of another kind matches.
        assertThat(lookup.bodies().count() + lookup.carriers().count() + lookup.counts().count())
                .isEqualTo(byScan.size());
        lookup.release().run();
        // Also with the keys in two slices, and in more slices than cores (some of them empty).
        for (int slices : new int[] {2, 7}) {
            var sliced = io.newsetl.dedup.HistoryKeys.lookup(TableWriter.files(spark(), out.toString(),
                    TableSchemas.DEDUP_KEYS), rerun, keys, slices);
            assertThat(seen(sliced, keys)).as(slices + " slices").isEqualTo(byScan);
            sliced.release().run();
        }
        // Every file the nights wrote carries the Bloom filters the lookup reads, and no codec (see DEDUP_KEYS).
        for (String file : TableWriter.read(spark(), out.toString(), TableSchemas.DEDUP_KEYS).inputFiles()) {
            try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file),
                            spark().sparkContext().hadoopConfiguration()))) {
                for (var block : reader.getRowGroups()) {
                    var hashHi = block.getColumns().stream()
                            .filter(c -> c.getPath().toDotString().equals("hash_hi")).findFirst().orElseThrow();
                    assertThat(reader.getBloomFilterDataReader(block).readBloomFilter(hashHi)).as(file).isNotNull();
                    assertThat(block.getColumns()).as(file).allMatch(c -> c.getCodec()
                            == org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED);
                }
            }
        }

        // One body row per committed article, one carrier per paragraph of one, one paragraph per index row.
        org.apache.spark.sql.Dataset<Row> k = TableWriter.read(spark(), out.toString(), TableSchemas.DEDUP_KEYS);
        org.apache.spark.sql.Dataset<Row> a = TableWriter.read(spark(), out.toString(), TableSchemas.ARTICLES);
        assertThat(k.where("kind = 'body'").count()).isEqualTo(a.count());
        assertThat(k.where("kind = 'carrier'").count())
                .isEqualTo(a.selectExpr("explode(paragraph_hashes)").count());
        assertThat(k.where("kind = 'paragraph'").count())
                .isEqualTo(TableWriter.read(spark(), out.toString(), TableSchemas.PARAGRAPH_INDEX).count());
    }

    @Test
    void anOutputWrittenBeforeDedupKeysIsFilledOnceThenLookedUp() throws Exception {
        Path out = dir.resolve("old");
        io.newsetl.testing.Trees.copy(Path.of("src/test/resources/fixtures/output-fd0d750"), out);
        assertThat(out.resolve("dedup_keys")).doesNotExist();
        // Tonight: one of the sample's articles again, under another name.
        Path tonight = Files.createDirectories(dir.resolve("in/again"));
        Path sample = Path.of("src/sample/corpus");
        Path one;
        try (var files = Files.walk(sample)) {
            String committed = TableWriter.read(spark(), out.toString(), TableSchemas.ARTICLES)
                    .select("source_path").orderBy("source_path").first().getString(0);
            one = files.filter(f -> committed.endsWith("/" + sample.relativize(f))).findFirst().orElseThrow();
        }
        Files.copy(one, tonight.resolve("copy-" + one.getFileName()));
        // A table of the earlier layout (one column per value) and its marker: what the fill replaces.
        Path earlier = out.resolve("dedup_keys/kind=body/part-r20180530-09999.parquet");
        spark().createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(1L, 2L, 3L, 4L)),
                        new org.apache.spark.sql.types.StructType().add("hash_hi", "long").add("hash_lo", "long")
                                .add("article_hi", "long").add("article_lo", "long"))
                .coalesce(1).write().parquet(dir.resolve("earlier").toString());
        try (var written = Files.list(dir.resolve("earlier"))) {
            Files.createDirectories(earlier.getParent());
            Files.copy(written.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow(), earlier);
        }
        Files.createFile(out.resolve("_dedup_keys_complete"));
        RunRecord r = dedupOnly(tonight, out, "2018-05-31");
        assertThat(r.getExactDuplicates()).as("found through the filled keys").isEqualTo(1);
        assertThat(out.resolve(io.newsetl.dedup.KeyEntry.LAYOUT_MARKER)).exists();
        assertThat(out.resolve("_dedup_keys_complete")).doesNotExist();
        assertThat(earlier).doesNotExist();
        // The hex forms tables.md gives for a body row are the articles' body_hash and article_id.
        assertThat(TableWriter.read(spark(), out.toString(), TableSchemas.DEDUP_KEYS).where("kind = 'body'")
                .selectExpr("lower(lpad(hex(hash_hi), 16, '0') || hex(substring(entry, 1, 8))) AS body_hash",
                        "lower(hex(substring(entry, 9, 16))) AS article_id").collectAsList().stream()
                .map(Row::toString).sorted().toList())
                .isEqualTo(TableWriter.read(spark(), out.toString(), TableSchemas.ARTICLES)
                        .select("body_hash", "article_id").collectAsList().stream().map(Row::toString).sorted()
                        .toList());
        assertThat(TableWriter.read(spark(), out.toString(), TableSchemas.DEDUP_KEYS)
                .where("kind = 'body' AND run_date = DATE'2018-05-30'").count())
                .isEqualTo(TableWriter.read(spark(), out.toString(), TableSchemas.ARTICLES)
                        .where("run_date = DATE'2018-05-30'").count());
    }
}
