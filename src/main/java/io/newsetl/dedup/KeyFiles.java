package io.newsetl.dedup;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.UserDefinedPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The rows of one {@code dedup_keys} file whose key is one of tonight's, read without Spark (what a lookup task does
 * with each file of the history): plain Parquet calls, tested without a cluster.
 *
 * <p>Two reads, both a small part of the file:
 * <ol>
 *   <li><b>which of tonight's keys the file may hold</b>: for each row group, the keys inside its {@code hash_hi}
 *       min-max range are probed in its {@code hash_hi} Bloom filter (written by every writer of the table, see
 *       {@link io.newsetl.output.TableSchemas#DEDUP_KEYS}); a row group without one (a file of an older layout)
 *       keeps every key of its range;</li>
 *   <li><b>their rows</b>: a filter on those candidates ({@link AnyOf}), which Parquet's column index turns into
 *       the few pages whose range holds one; rows are then matched on all 128 bits and on the night.</li>
 * </ol>
 *
 * <pre>{@code
 * KeyFiles.Keys tonight = KeyFiles.Keys.of(new long[] {0x5f3aL, -42L}, new long[] {7L, 9L});   // (hi, lo) pairs
 * List<Row> rows = KeyFiles.matches(new Configuration(), "/warehouse/news/dedup_keys/kind=body/part-0.parquet",
 *         "body", tonight, (int) java.time.LocalDate.parse("2018-05-31").toEpochDay());
 * }</pre>
 */
public final class KeyFiles {

    /** The key column every lookup probes, and the one whose Bloom filter the table's writers keep. */
    public static final String KEY_COLUMN = "hash_hi";

    private KeyFiles() {
    }

    /** Tonight's distinct keys (hash halves), sorted: probed per row group, matched per row. */
    public static final class Keys implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long[] hi;
        private final long[] lo;
        private final long[] distinctHi;

        private Keys(long[] hi, long[] lo, long[] distinctHi) {
            this.hi = hi;
            this.lo = lo;
            this.distinctHi = distinctHi;
        }

        /** The distinct pairs among {@code hi[i], lo[i]} (duplicates allowed, any order). */
        public static Keys of(long[] hi, long[] lo) {
            if (hi.length != lo.length) {
                throw new IllegalArgumentException("Key halves differ in length: " + hi.length + " and " + lo.length);
            }
            Integer[] order = new Integer[hi.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> hi[a] != hi[b] ? Long.compare(hi[a], hi[b]) : Long.compare(lo[a], lo[b]));
            long[] h = new long[hi.length];
            long[] l = new long[hi.length];
            long[] d = new long[hi.length];
            int n = 0;
            int distinct = 0;
            for (Integer i : order) {
                if (n > 0 && h[n - 1] == hi[i] && l[n - 1] == lo[i]) {
                    continue;
                }
                if (n == 0 || h[n - 1] != hi[i]) {
                    d[distinct++] = hi[i];
                }
                h[n] = hi[i];
                l[n] = lo[i];
                n++;
            }
            return new Keys(Arrays.copyOf(h, n), Arrays.copyOf(l, n), Arrays.copyOf(d, distinct));
        }

        /** Number of distinct keys. */
        public int size() {
            return hi.length;
        }

        /** Whether the key {@code (hashHi, hashLo)} is one of these. */
        public boolean contains(long hashHi, long hashLo) {
            int i = Arrays.binarySearch(hi, hashHi);
            if (i < 0) {
                return false;
            }
            while (i > 0 && hi[i - 1] == hashHi) {
                i--;
            }
            for (; i < hi.length && hi[i] == hashHi; i++) {
                if (lo[i] == hashLo) {
                    return true;
                }
            }
            return false;
        }

        /** Index of the first distinct first half {@code >= value}. */
        private int firstAtLeast(long value) {
            int i = Arrays.binarySearch(distinctHi, value);
            return i >= 0 ? i : -i - 1;
        }
    }

    /**
     * The {@code hash_hi} values of {@code keys} that the file may hold: those inside a row group's min-max range
     * that its Bloom filter (when it has one) does not rule out.
     */
    static Set<Long> candidates(Configuration conf, Path file, Keys keys) throws IOException {
        Set<Long> out = new HashSet<>();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            for (BlockMetaData block : reader.getRowGroups()) {
                ColumnChunkMetaData chunk = keyChunk(block, file);
                Statistics<?> stats = chunk.getStatistics();
                int from = 0;
                int to = keys.distinctHi.length;
                if (stats instanceof LongStatistics s && s.hasNonNullValue()) {
                    from = keys.firstAtLeast(s.getMin());
                    to = s.getMax() == Long.MAX_VALUE ? to : keys.firstAtLeast(s.getMax() + 1);
                }
                if (from >= to) {
                    continue;
                }
                BloomFilter bloom = reader.getBloomFilterDataReader(block).readBloomFilter(chunk);
                for (int i = from; i < to; i++) {
                    long k = keys.distinctHi[i];
                    if (bloom == null || bloom.findHash(bloom.hash(k))) {
                        out.add(k);
                    }
                }
            }
        }
        return out;
    }

    private static ColumnChunkMetaData keyChunk(BlockMetaData block, Path file) {
        for (ColumnChunkMetaData c : block.getColumns()) {
            if (c.getPath().toDotString().equals(KEY_COLUMN)) {
                return c;
            }
        }
        throw new IllegalStateException("No " + KEY_COLUMN + " column in dedup_keys file " + file
                + ": not a file of this table (remove it, or restore the table from its last good night)");
    }

    /**
     * The rows of {@code file} (of partition {@code kind}) whose key is one of {@code keys}, except those of the
     * night {@code excludedNight} (days since the epoch: tonight, whose rows a rerun replaces). Each row holds
     * {@code hash_hi, hash_lo, article_hi, article_lo, position, distinct_bodies, kind}.
     */
    public static List<Row> matches(Configuration conf, String file, String kind, Keys keys, int excludedNight)
            throws IOException {
        Path path = new Path(file);
        Set<Long> candidates = candidates(conf, path, keys);
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Row> out = new ArrayList<>();
        // Statistics and column index only: the Bloom filters were read above, and the row groups of a sorted file
        // hold disjoint ranges, so the min-max statistics drop those where no candidate lies.
        try (ParquetReader<KeyRecord> reader = ParquetReader.builder(new KeyReadSupport(columnsOf(kind)), path)
                .withConf(conf)
                .withFilter(FilterCompat.get(FilterApi.userDefined(FilterApi.longColumn(KEY_COLUMN),
                        new AnyOf(candidates))))
                .useStatsFilter(true).useColumnIndexFilter(true).useRecordFilter(true)
                .useDictionaryFilter(false).useBloomFilter(false).build()) {
            for (KeyRecord r = reader.read(); r != null; r = reader.read()) {
                if (!keys.contains(r.values[HASH_HI], r.values[HASH_LO]) || r.values[RUN_DATE] == excludedNight) {
                    continue;
                }
                out.add(RowFactory.create(r.values[HASH_HI], r.values[HASH_LO], r.get(ARTICLE_HI), r.get(ARTICLE_LO),
                        r.present[POSITION] ? (int) r.values[POSITION] : null, r.get(DISTINCT_BODIES), kind));
            }
        }
        return out;
    }

    /**
     * A value among a set of longs, as a Parquet predicate: a page or row group whose min-max range holds none of them
     * is dropped. (Parquet's own {@code IN} filter drops by the min and max of the whole set, which for random
     * hashes keeps every page; a chain of equalities costs a value inspector per key on every row read.)
     */
    static final class AnyOf extends UserDefinedPredicate<Long> implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Per row read. */
        private final HashSet<Long> values;
        /** Per page and row group: the values in order. */
        private final long[] sorted;

        AnyOf(Set<Long> values) {
            this.values = new HashSet<>(values);
            this.sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        }

        @Override
        public boolean keep(Long value) {
            return value != null && values.contains(value);
        }

        @Override
        public boolean canDrop(org.apache.parquet.filter2.predicate.Statistics<Long> range) {
            int i = Arrays.binarySearch(sorted, range.getMin());
            i = i >= 0 ? i : -i - 1;
            return i >= sorted.length || sorted[i] > range.getMax();
        }

        @Override
        public boolean inverseCanDrop(org.apache.parquet.filter2.predicate.Statistics<Long> range) {
            return false;
        }
    }

    /** The columns a lookup reads, by their index in {@link KeyRecord}. */
    private static final List<String> COLUMNS = List.of(KEY_COLUMN, "hash_lo", "article_hi", "article_lo", "position",
            "distinct_bodies", "run_date");
    private static final int HASH_HI = 0;
    private static final int HASH_LO = 1;
    private static final int ARTICLE_HI = 2;
    private static final int ARTICLE_LO = 3;
    private static final int POSITION = 4;
    private static final int DISTINCT_BODIES = 5;
    private static final int RUN_DATE = 6;

    /**
     * One row of a {@code dedup_keys} file in primitive slots, reused from row to row: a filtered read assembles
     * every row of the pages it reads (about 1,000 per key looked up), so a row costs no object.
     */
    static final class KeyRecord {
        final long[] values = new long[COLUMNS.size()];
        final boolean[] present = new boolean[COLUMNS.size()];

        Long get(int column) {
            return present[column] ? values[column] : null;
        }
    }

    /**
     * The columns a kind's rows carry (the others are null in it): each column read costs its offset index and a
     * page per key, so a {@code paragraph} file is read in 4 columns of 7.
     */
    static List<String> columnsOf(String kind) {
        return switch (kind) {
            case HistoryKeys.BODY -> List.of(KEY_COLUMN, "hash_lo", "article_hi", "article_lo", "run_date");
            case HistoryKeys.CARRIER -> List.of(KEY_COLUMN, "hash_lo", "article_hi", "article_lo", "position",
                    "run_date");
            case HistoryKeys.PARAGRAPH -> List.of(KEY_COLUMN, "hash_lo", "distinct_bodies", "run_date");
            default -> COLUMNS;
        };
    }

    /** Reads {@code columns} of a {@code dedup_keys} file into {@link KeyRecord}s. */
    static final class KeyReadSupport extends org.apache.parquet.hadoop.api.ReadSupport<KeyRecord> {
        private final List<String> columns;

        KeyReadSupport(List<String> columns) {
            this.columns = columns;
        }

        @Override
        public ReadContext init(org.apache.parquet.hadoop.api.InitContext context) {
            org.apache.parquet.schema.MessageType file = context.getFileSchema();
            List<org.apache.parquet.schema.Type> read = new ArrayList<>();
            for (org.apache.parquet.schema.Type t : file.getFields()) {
                if (columns.contains(t.getName())) {
                    read.add(t);
                }
            }
            return new ReadContext(new org.apache.parquet.schema.MessageType(file.getName(), read));
        }

        @Override
        public org.apache.parquet.io.api.RecordMaterializer<KeyRecord> prepareForRead(Configuration conf,
                java.util.Map<String, String> metadata, org.apache.parquet.schema.MessageType fileSchema,
                ReadContext context) {
            KeyRecord record = new KeyRecord();
            org.apache.parquet.schema.MessageType schema = context.getRequestedSchema();
            org.apache.parquet.io.api.Converter[] fields = new org.apache.parquet.io.api.Converter[schema.getFieldCount()];
            for (int i = 0; i < fields.length; i++) {
                int slot = COLUMNS.indexOf(schema.getFieldName(i));
                fields[i] = new org.apache.parquet.io.api.PrimitiveConverter() {
                    @Override
                    public void addLong(long value) {
                        set(value);
                    }

                    @Override
                    public void addInt(int value) {
                        set(value);
                    }

                    private void set(long value) {
                        if (slot >= 0) {
                            record.values[slot] = value;
                            record.present[slot] = true;
                        }
                    }
                };
            }
            org.apache.parquet.io.api.GroupConverter root = new org.apache.parquet.io.api.GroupConverter() {
                @Override
                public org.apache.parquet.io.api.Converter getConverter(int fieldIndex) {
                    return fields[fieldIndex];
                }

                @Override
                public void start() {
                    Arrays.fill(record.present, false);
                }

                @Override
                public void end() {
                }
            };
            return new org.apache.parquet.io.api.RecordMaterializer<>() {
                @Override
                public KeyRecord getCurrentRecord() {
                    return record;
                }

                @Override
                public org.apache.parquet.io.api.GroupConverter getRootConverter() {
                    return root;
                }
            };
        }
    }
}
