package io.newsetl.dedup;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.UserDefinedPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The rows of one {@code dedup_keys} file whose key is one of tonight's, read without Spark (what a lookup task does
 * with each file of the history): plain Parquet calls, tested without a cluster.
 *
 * <p>The file is opened once (its footer read once), and each row group gets two reads, both a small part of it:
 * <ol>
 *   <li><b>which of tonight's keys it may hold</b>: the keys inside the row group's {@code hash_hi}
 *       min-max range, probed in its {@code hash_hi} Bloom filter (written by every writer of the table, see
 *       {@link io.newsetl.output.TableSchemas#DEDUP_KEYS}); a row group without one (a file of an older layout)
 *       keeps every key of its range;</li>
 *   <li><b>their rows</b>: a filter on those candidates ({@link AnyOf}), which Parquet's column index turns into
 *       the few pages whose range holds one, read column by column; rows are then matched on all 128 bits and on the
 *       night (where the file's name allows tonight's rows).</li>
 * </ol>
 *
 * <pre>{@code
 * KeyFiles.Keys tonight = KeyFiles.Keys.of(new long[] {0x5f3aL, -42L}, new long[] {7L, 9L});   // (hi, lo) pairs
 * List<Row> rows = KeyFiles.matches(new Configuration(), "/warehouse/news/dedup_keys/kind=body/part-0.parquet",
 *         "body", tonight, (int) java.time.LocalDate.parse("2018-05-31").toEpochDay());
 * }</pre>
 */
public final class KeyFiles {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KeyFiles.class);

    /** The key column every lookup probes, and the one whose Bloom filter the table's writers keep. */
    public static final String KEY_COLUMN = "hash_hi";

    private KeyFiles() {
    }

    /**
     * Distinct keys (hash halves; a lookup task's slice of tonight's), sorted: probed per row group, matched per row.
     */
    public static final class Keys {
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
            long[] pairs = new long[2 * hi.length];
            for (int i = 0; i < hi.length; i++) {
                pairs[2 * i] = hi[i];
                pairs[2 * i + 1] = lo[i];
            }
            return ofPairs(pairs);
        }

        /**
         * The distinct pairs among {@code pairs[2i], pairs[2i + 1]} (first half, second half; duplicates allowed, any
         * order), sorted without boxing: a lookup task's slice can hold millions.
         */
        public static Keys ofPairs(long[] pairs) {
            if (pairs.length % 2 != 0) {
                throw new IllegalArgumentException("Key halves come in pairs, but " + pairs.length + " were given");
            }
            int[] order = com.carrotsearch.hppc.sorting.IndirectSort.mergesort(0, pairs.length / 2, (a, b) ->
                    pairs[2 * a] != pairs[2 * b] ? Long.compare(pairs[2 * a], pairs[2 * b])
                            : Long.compare(pairs[2 * a + 1], pairs[2 * b + 1]));
            long[] h = new long[order.length];
            long[] l = new long[order.length];
            long[] d = new long[order.length];
            int n = 0;
            int distinct = 0;
            for (int i : order) {
                long hi = pairs[2 * i];
                long lo = pairs[2 * i + 1];
                if (n > 0 && h[n - 1] == hi && l[n - 1] == lo) {
                    continue;
                }
                if (n == 0 || h[n - 1] != hi) {
                    d[distinct++] = hi;
                }
                h[n] = hi;
                l[n] = lo;
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
     * that its Bloom filter (when it has one) does not rule out. What {@link #matches} probes, row group by row group.
     */
    static Set<Long> candidates(Configuration conf, Path file, Keys keys) throws IOException {
        Set<Long> out = new java.util.HashSet<>();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf), unfiltered(conf))) {
            for (BlockMetaData block : reader.getRowGroups()) {
                for (long k : candidates(reader, block, keys, file)) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    /** Of {@code keys}, the sorted distinct first halves that a row group may hold. */
    private static long[] candidates(ParquetFileReader reader, BlockMetaData block, Keys keys, Path file)
            throws IOException {
        ColumnChunkMetaData chunk = keyChunk(block, file);
        Statistics<?> stats = chunk.getStatistics();
        int from = 0;
        int to = keys.distinctHi.length;
        if (stats instanceof LongStatistics s && s.hasNonNullValue()) {
            from = keys.firstAtLeast(s.getMin());
            to = s.getMax() == Long.MAX_VALUE ? to : keys.firstAtLeast(s.getMax() + 1);
        }
        if (from >= to) {
            return new long[0];
        }
        BloomFilter bloom = reader.getBloomFilterDataReader(block).readBloomFilter(chunk);
        com.carrotsearch.hppc.LongArrayList out = new com.carrotsearch.hppc.LongArrayList();
        for (int i = from; i < to; i++) {
            long k = keys.distinctHi[i];
            if (bloom == null || bloom.findHash(bloom.hash(k))) {
                out.add(k);
            }
        }
        return out.toArray();
    }

    /** No filter of Parquet's own at open: {@link #matches} picks the row groups and pages itself. */
    private static org.apache.parquet.ParquetReadOptions unfiltered(Configuration conf) {
        return org.apache.parquet.HadoopReadOptions.builder(conf).useStatsFilter(false).useDictionaryFilter(false)
                .useBloomFilter(false).useColumnIndexFilter(false).useRecordFilter(false).build();
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
     *
     * <p>The file is opened once. Per row group: its candidates ({@link #candidates}: min-max range, then Bloom
     * filter), then the rows that Parquet's column index says may hold one ({@link AnyOf}), read column by column
     * into primitive slots (no record assembly, no filter per row) and matched on all 128 bits and on the night
     * (unless {@code excludedNight} is {@link #NO_NIGHT}: then the night is not read).
     */
    public static List<Row> matches(Configuration conf, String file, String kind, Keys keys, int excludedNight)
            throws IOException {
        com.carrotsearch.hppc.LongArrayList packed = new com.carrotsearch.hppc.LongArrayList();
        matches(conf, file, kind, keys, excludedNight, 0, packed);
        return rows(packed.toArray(), new String[] {kind});
    }

    /**
     * The {@code excludedNight} of a file that holds no row of the night a lookup skips (its name says so, see
     * {@link io.newsetl.output.NightRegistry#mayHold}): its {@code run_date} column is then not read at all.
     */
    public static final int NO_NIGHT = Integer.MIN_VALUE;

    /** Longs per matched row in {@link #matches(Configuration, String, String, Keys, int, int, com.carrotsearch.hppc.LongArrayList)}. */
    static final int PACKED_WIDTH = 7;

    /**
     * {@link #matches(Configuration, String, String, Keys, int)}, each row appended to {@code out} as
     * {@value #PACKED_WIDTH} longs rather than a {@link Row}: its six values (0 where absent), then {@code tag} (the
     * file's index among a lookup's) shifted left by 8 bits over a bit per present value. A lookup task's matches are
     * then one array of longs, which Spark caches and ships without sizing or serializing an object per row.
     */
    static void matches(Configuration conf, String file, String kind, Keys keys, int excludedNight, int tag,
            com.carrotsearch.hppc.LongArrayList out) throws IOException {
        Path path = new Path(file);
        long started = System.nanoTime();
        // Where the file's time goes (nanoseconds): open and footer, Bloom filters, column indexes, pages read,
        // pages decoded. Logged at DEBUG, one line per file.
        long[] spent = new long[5];
        int rowGroups = 0;
        int candidateKeys = 0;
        long rowsRead = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf), unfiltered(conf))) {
            org.apache.parquet.hadoop.metadata.FileMetaData meta = reader.getFooter().getFileMetaData();
            spent[0] = System.nanoTime() - started;
            List<String> names = columnsOf(kind);
            if (excludedNight == NO_NIGHT) {
                names = names.stream().filter(c -> !c.equals(COLUMNS.get(RUN_DATE))).toList();
            }
            MessageType requested = projection(meta.getSchema(), names);
            reader.setRequestedSchema(requested);
            List<ColumnDescriptor> columns = requested.getColumns();
            Set<org.apache.parquet.hadoop.metadata.ColumnPath> paths = new java.util.HashSet<>();
            int[] slots = new int[columns.size()];
            boolean[] ints = new boolean[columns.size()];
            for (int c = 0; c < slots.length; c++) {
                paths.add(org.apache.parquet.hadoop.metadata.ColumnPath.get(columns.get(c).getPath()));
                slots[c] = COLUMNS.indexOf(columns.get(c).getPath()[0]);
                ints[c] = columns.get(c).getPrimitiveType().getPrimitiveTypeName()
                        == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
            }
            long[] values = new long[COLUMNS.size()];
            boolean[] present = new boolean[COLUMNS.size()];
            List<BlockMetaData> blocks = reader.getRowGroups();
            rowGroups = blocks.size();
            for (int b = 0; b < blocks.size(); b++) {
                long t = System.nanoTime();
                long[] candidates = candidates(reader, blocks.get(b), keys, path);
                spent[1] += System.nanoTime() - t;
                candidateKeys += candidates.length;
                if (candidates.length == 0) {
                    continue;
                }
                t = System.nanoTime();
                org.apache.parquet.internal.filter2.columnindex.RowRanges rows =
                        org.apache.parquet.internal.filter2.columnindex.ColumnIndexFilter.calculateRowRanges(
                                FilterCompat.get(FilterApi.userDefined(FilterApi.longColumn(KEY_COLUMN),
                                        new AnyOf(candidates))),
                                reader.getColumnIndexStore(b), paths, blocks.get(b).getRowCount());
                spent[2] += System.nanoTime() - t;
                t = System.nanoTime();
                PageReadStore pages = rows.rowCount() == 0 ? null : reader.readFilteredRowGroup(b, rows);
                spent[3] += System.nanoTime() - t;
                if (pages == null) {
                    continue;
                }
                t = System.nanoTime();
                rowsRead += pages.getRowCount();
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, NO_RECORDS, requested, meta.getCreatedBy());
                ColumnReader[] readers = new ColumnReader[slots.length];
                for (int c = 0; c < slots.length; c++) {
                    readers[c] = store.getColumnReader(columns.get(c));
                }
                for (long row = pages.getRowCount(); row > 0; row--) {
                    Arrays.fill(present, false);
                    for (int c = 0; c < slots.length; c++) {
                        ColumnReader column = readers[c];
                        if (column.getCurrentDefinitionLevel() == column.getDescriptor().getMaxDefinitionLevel()) {
                            values[slots[c]] = ints[c] ? column.getInteger() : column.getLong();
                            present[slots[c]] = true;
                        }
                        column.consume();
                    }
                    if (!present[HASH_HI] || !present[HASH_LO] || !keys.contains(values[HASH_HI], values[HASH_LO])
                            || present[RUN_DATE] && values[RUN_DATE] == excludedNight) {
                        continue;
                    }
                    long tagAndPresent = (long) tag << 8;
                    for (int slot = HASH_HI; slot <= DISTINCT_BODIES; slot++) {
                        out.add(present[slot] ? values[slot] : 0L);
                        tagAndPresent |= present[slot] ? 1L << slot : 0L;
                    }
                    out.add(tagAndPresent);
                }
                spent[4] += System.nanoTime() - t;
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("dedup_keys {}: {} row groups, {} candidate keys, {} rows read; seconds: {} open and footer, {} "
                    + "Bloom filters, {} column indexes, {} pages read, {} pages decoded, {} in all", path,
                    rowGroups, candidateKeys, rowsRead, seconds(spent[0]), seconds(spent[1]), seconds(spent[2]),
                    seconds(spent[3]), seconds(spent[4]), seconds(System.nanoTime() - started));
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /**
     * The rows packed by {@link #matches(Configuration, String, String, Keys, int, int, com.carrotsearch.hppc.LongArrayList)}:
     * {@code hash_hi, hash_lo, article_hi, article_lo, position, distinct_bodies, kind}, the kind being
     * {@code kinds[tag]}.
     */
    static List<Row> rows(long[] packed, String[] kinds) {
        List<Row> out = new ArrayList<>(packed.length / PACKED_WIDTH);
        for (int at = 0; at < packed.length; at += PACKED_WIDTH) {
            long meta = packed[at + PACKED_WIDTH - 1];
            out.add(RowFactory.create(get(packed, at, meta, HASH_HI), get(packed, at, meta, HASH_LO),
                    get(packed, at, meta, ARTICLE_HI), get(packed, at, meta, ARTICLE_LO),
                    (meta & 1L << POSITION) != 0 ? (int) packed[at + POSITION] : null,
                    get(packed, at, meta, DISTINCT_BODIES), kinds[(int) (meta >>> 8)]));
        }
        return out;
    }

    private static Long get(long[] packed, int at, long meta, int slot) {
        return (meta & 1L << slot) != 0 ? packed[at + slot] : null;
    }

    /** The file's columns among {@code names}, in the file's order. */
    private static MessageType projection(MessageType file, List<String> names) {
        List<org.apache.parquet.schema.Type> read = new ArrayList<>();
        for (org.apache.parquet.schema.Type t : file.getFields()) {
            if (names.contains(t.getName())) {
                read.add(t);
            }
        }
        return new MessageType(file.getName(), read);
    }

    /**
     * The record converter a column store asks for: values are read from the column readers themselves, so its
     * converters never receive one.
     */
    private static final GroupConverter NO_RECORDS = new GroupConverter() {
        private final PrimitiveConverter none = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return none;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    };

    /**
     * A value among a set of longs, as a Parquet predicate: a page or row group whose min-max range holds none of them
     * is dropped. (Parquet's own {@code IN} filter drops by the min and max of the whole set, which for random
     * hashes keeps every page; a chain of equalities costs a value inspector per key on every row read.)
     */
    static final class AnyOf extends UserDefinedPredicate<Long> implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Per page and row group: the values in order. */
        private final long[] sorted;

        /** {@code values}: sorted and distinct. */
        AnyOf(long[] values) {
            this.sorted = values;
        }

        @Override
        public boolean keep(Long value) {
            return value != null && Arrays.binarySearch(sorted, value) >= 0;
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

    /** The columns a lookup reads, by their slot in the values of a row read. */
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
}
