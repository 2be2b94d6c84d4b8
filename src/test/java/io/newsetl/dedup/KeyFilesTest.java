package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message spark_schema {"
            + " optional int64 hash_hi; optional binary entry; optional int32 run_date (DATE); }");
    /** The layout before the packed entry: one column per value. */
    private static final MessageType EARLIER = MessageTypeParser.parseMessageType("message spark_schema {"
            + " optional int64 hash_hi; optional int64 hash_lo; optional int64 article_hi; optional int64 article_lo;"
            + " optional int32 position; optional int64 distinct_bodies; optional int32 run_date (DATE); }");
    private static final int NIGHT = (int) LocalDate.parse("2018-05-30").toEpochDay();
    private static final int TONIGHT = NIGHT + 1;
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    /** Carrier rows of {@code n} random keys, sorted by key as the table's writers sort them; 1 in 10 of tonight. */
    private static long[][] carriers(int n, long seed) {
        Random r = new Random(seed);
        long[][] rows = new long[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new long[] {r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), i % 7,
                    i % 10 == 0 ? TONIGHT : NIGHT};
        }
        java.util.Arrays.sort(rows, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        return rows;
    }

    private String write(String name, long[][] rows, boolean bloom) throws Exception {
        return write(name, rows, bloom, "carrier");
    }

    /**
     * {@code rows} as a file of {@code kind}, as the table's writers write it: {@code hash_hi}, the entry of the
     * kind's values ({@code hash_lo}, then the article and position, or for a paragraph distinct bodies from the
     * third value), the night.
     */
    private String write(String name, long[][] rows, boolean bloom, String kind) throws Exception {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve(name).toString());
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        var builder = ExampleParquetWriter.builder(file).withConf(CONF).withType(SCHEMA).withPageRowCountLimit(100)
                .withRowGroupSize(64 * 1024L);
        if (bloom) {
            builder = builder.withBloomFilterEnabled(KeyFiles.KEY_COLUMN, true)
                    .withBloomFilterNDV(KeyFiles.KEY_COLUMN, 5_000).withBloomFilterFPP(KeyFiles.KEY_COLUMN, 0.001);
        }
        try (ParquetWriter<Group> w = builder.build()) {
            for (long[] r : rows) {
                byte[] entry = switch (kind) {
                    case "body" -> KeyEntry.body(r[1], r[2], r[3]);
                    case "paragraph" -> KeyEntry.paragraph(r[1], r[2]);
                    default -> KeyEntry.carrier(r[1], r[2], r[3], (int) r[4]);
                };
                w.write(groups.newGroup().append("hash_hi", r[0])
                        .append("entry", org.apache.parquet.io.api.Binary.fromConstantByteArray(entry))
                        .append("run_date", (int) r[5]));
            }
        }
        return file.toString();
    }

    /** Tonight's keys: every 50th row of the file (some of tonight's night), and as many keys it does not hold. */
    private static KeyFiles.Keys tonight(long[][] rows, int absent) {
        Random r = new Random(7);
        List<long[]> keys = new ArrayList<>();
        for (int i = 0; i < rows.length; i += 50) {
            keys.add(new long[] {rows[i][0], rows[i][1]});
            keys.add(new long[] {rows[i][0], rows[i][1]});   // tonight may name a key twice
        }
        if (rows.length > 3) {
            keys.add(new long[] {rows[3][0], rows[3][1] + 1}); // first half shared, second not: no match
        }
        for (int i = 0; i < absent; i++) {
            keys.add(new long[] {r.nextLong(), r.nextLong()});
        }
        return KeyFiles.Keys.of(keys.stream().mapToLong(k -> k[0]).toArray(),
                keys.stream().mapToLong(k -> k[1]).toArray());
    }

    /** A matched row's seven values, spaced. */
    private static String text(Row r) {
        return r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3) + " " + r.get(4) + " " + r.get(5) + " "
                + r.get(6);
    }

    @Test
    void aFileGivesTheRowsOfTonightsKeysOfOtherNightsOnly() throws Exception {
        long[][] rows = carriers(20_000, 1);
        KeyFiles.Keys keys = tonight(rows, 2_000);
        List<String> expected = new ArrayList<>();
        List<String> expectedBodies = new ArrayList<>();
        List<String> expectedParagraphs = new ArrayList<>();
        for (int i = 0; i < rows.length; i += 50) {
            if (rows[i][5] != TONIGHT) {
                long[] r = rows[i];
                expected.add(r[0] + " " + r[1] + " " + r[2] + " " + r[3] + " " + r[4] + " null carrier");
                expectedBodies.add(r[0] + " " + r[1] + " " + r[2] + " " + r[3] + " null null body");
                expectedParagraphs.add(r[0] + " " + r[1] + " null null null " + r[2] + " paragraph");
            }
        }
        assertThat(expected).hasSizeGreaterThan(300);
        for (boolean bloom : new boolean[] {true, false}) {
            String file = write("bloom-" + bloom + ".parquet", rows, bloom);
            List<Row> found = KeyFiles.matches(CONF, file, "carrier", keys, TONIGHT);
            assertThat(found.stream().map(KeyFilesTest::text).sorted().toList())
                    .as("bloom filters: " + bloom).isEqualTo(expected.stream().sorted().toList());
        }
        // A file whose name rules tonight out is read without its run_date: tonight's rows (none in such a file) would
        // then be kept.
        String named = write("named.parquet", rows, true);
        assertThat(KeyFiles.matches(CONF, named, "carrier", keys, KeyFiles.NO_NIGHT))
                .hasSize(rows.length / 50 + (rows.length % 50 == 0 ? 0 : 1)).hasSizeGreaterThan(expected.size());
        // A kind's rows carry its own values (a body's: no position; a paragraph's: no article, no position, but its
        // distinct bodies), whatever the partition says.
        String bodies = write("body.parquet", rows, true, "body");
        assertThat(KeyFiles.matches(CONF, bodies, "body", keys, TONIGHT).stream().map(KeyFilesTest::text).sorted())
                .isEqualTo(expectedBodies.stream().sorted().toList());
        String paragraphs = write("paragraph.parquet", rows, true, "paragraph");
        assertThat(KeyFiles.matches(CONF, paragraphs, "paragraph", keys, TONIGHT).stream().map(KeyFilesTest::text)
                .sorted()).isEqualTo(expectedParagraphs.stream().sorted().toList());
    }

    @Test
    void aFileOfTheEarlierLayoutIsRefusedWithWhatToDo() throws Exception {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("earlier.parquet").toString());
        SimpleGroupFactory groups = new SimpleGroupFactory(EARLIER);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(file).withConf(CONF).withType(EARLIER).build()) {
            w.write(groups.newGroup().append("hash_hi", 1L).append("hash_lo", 2L).append("run_date", NIGHT));
        }
        assertThatThrownBy(() -> KeyFiles.matches(CONF, file.toString(), "body", KeyFiles.Keys.of(new long[] {1L},
                new long[] {2L}), TONIGHT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No entry column").hasMessageContaining("_dedup_keys_complete-2");
    }

    @Test
    void aTasksMatchesPackedAsLongsGiveTheSameRowsWithTheirFilesKinds() throws Exception {
        long[][] rows = carriers(5_000, 3);
        KeyFiles.Keys keys = tonight(rows, 0);
        String file = write("packed.parquet", rows, true);
        String other = write("packed-paragraph.parquet", rows, true, "paragraph");
        // Two files of one task, as a lookup's slice packs them: tag 0 a carrier file, tag 1 a paragraph one.
        com.carrotsearch.hppc.LongArrayList packed = new com.carrotsearch.hppc.LongArrayList();
        KeyFiles.matches(CONF, file, keys, TONIGHT, 0, packed);
        int carrierLongs = packed.size();
        KeyFiles.matches(CONF, other, keys, TONIGHT, 1, packed);
        assertThat(packed.size()).isEqualTo(2 * carrierLongs).isPositive();
        assertThat(packed.size() % KeyFiles.PACKED_WIDTH).isZero();
        List<Row> decoded = KeyFiles.rows(packed.toArray(), new String[] {"carrier", "paragraph"});
        List<Row> carrier = KeyFiles.matches(CONF, file, "carrier", keys, TONIGHT);
        List<Row> paragraph = KeyFiles.matches(CONF, other, "paragraph", keys, TONIGHT);
        assertThat(decoded.subList(0, carrier.size())).isEqualTo(carrier)
                .allSatisfy(r -> assertThat(r.getString(6)).isEqualTo("carrier"))
                .allSatisfy(r -> assertThat(r.isNullAt(4) || r.isNullAt(2)).isFalse());
        assertThat(decoded.subList(carrier.size(), decoded.size())).isEqualTo(paragraph)
                .allSatisfy(r -> assertThat(r.getString(6)).isEqualTo("paragraph"))
                .allSatisfy(r -> assertThat(r.isNullAt(2) && r.isNullAt(4) && !r.isNullAt(5)).isTrue());
    }

    @Test
    void theBloomFiltersRuleOutAlmostEveryKeyAFileDoesNotHold() throws Exception {
        long[][] rows = carriers(20_000, 2);
        KeyFiles.Keys absent = tonight(new long[0][], 10_000);
        org.apache.hadoop.fs.Path with = new org.apache.hadoop.fs.Path(write("with.parquet", rows, true));
        org.apache.hadoop.fs.Path without = new org.apache.hadoop.fs.Path(write("without.parquet", rows, false));
        // Without filters every key inside a row group's range stays a candidate (the file spans nearly all longs).
        assertThat(KeyFiles.candidates(CONF, without, absent)).hasSizeGreaterThan(9_000);
        assertThat(KeyFiles.candidates(CONF, with, absent)).hasSizeLessThan(100);
        assertThat(KeyFiles.matches(CONF, with.toString(), "carrier", absent, TONIGHT)).isEmpty();
        // Every key the file holds stays a candidate.
        KeyFiles.Keys held = tonight(rows, 0);
        assertThat(KeyFiles.candidates(CONF, with, held)).hasSizeGreaterThanOrEqualTo(rows.length / 50);
        // A key set hashes its keys for the filters once: probed again, in this file or in another one, it finds what
        // a new set of the same keys finds.
        org.apache.hadoop.fs.Path other =
                new org.apache.hadoop.fs.Path(write("other.parquet", carriers(20_000, 4), true));
        assertThat(KeyFiles.candidates(CONF, other, held))
                .isEqualTo(KeyFiles.candidates(CONF, other, tonight(rows, 0)));
        assertThat(KeyFiles.candidates(CONF, with, held)).isEqualTo(KeyFiles.candidates(CONF, with, tonight(rows, 0)));
    }

    @Test
    void keysAreDistinctAndMatchedOnBothHalves() {
        KeyFiles.Keys keys = KeyFiles.Keys.of(new long[] {5, -3, 5, 5}, new long[] {1, 2, 1, 9});
        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.contains(5, 1)).isTrue();
        assertThat(keys.contains(5, 9)).isTrue();
        assertThat(keys.contains(-3, 2)).isTrue();
        assertThat(keys.contains(5, 2)).isFalse();
        assertThat(keys.contains(4, 1)).isFalse();
        KeyFiles.Keys pairs = KeyFiles.Keys.ofPairs(new long[] {5, 1, -3, 2, 5, 1, 5, 9});
        assertThat(pairs.size()).isEqualTo(3);
        assertThat(pairs.contains(-3, 2)).isTrue();
        assertThat(pairs.contains(2, -3)).isFalse();
        assertThatThrownBy(() -> KeyFiles.Keys.ofPairs(new long[] {5, 1, -3})).isInstanceOf(IllegalArgumentException.class);
    }
}
