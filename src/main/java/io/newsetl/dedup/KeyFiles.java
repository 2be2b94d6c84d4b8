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
 *       the few pages whose range holds one, read in two columns (the key and its packed {@link KeyEntry}; the night
 *       too where the file's name allows tonight's rows); rows are then matched on all 128 bits and on the night.</li>
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
        /**
         * The Bloom filter hash of each of {@link #distinctHi}, computed on first use: the same for every filter of
         * the table's hash strategy (Parquet's XXH64), so hashed once per slice rather than once per row group and
         * key (27 row groups at a million articles: 27 times the hashing, most of it in a JVM not yet compiled).
         */
        private long[] bloomHashes;

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

        /** Whether some key's first half is {@code hashHi}. */
        public boolean containsHi(long hashHi) {
            return Arrays.binarySearch(distinctHi, hashHi) >= 0;
        }

        /**
         * The hash {@code bloom} probes for each distinct first half, in their order: computed once per key set for
         * Parquet's XXH64 strategy (a filter's hash depends only on its strategy), for each filter otherwise. Not
         * thread-safe: a key set belongs to one task.
         */
        long[] bloomHashes(BloomFilter bloom) {
            boolean shared = bloom.getHashStrategy() == BloomFilter.HashStrategy.XXH64;
            if (shared && bloomHashes != null) {
                return bloomHashes;
            }
            long[] out = new long[distinctHi.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = bloom.hash(distinctHi[i]);
            }
            if (shared) {
                bloomHashes = out;
            }
            return out;
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
        if (bloom == null) {
            return Arrays.copyOfRange(keys.distinctHi, from, to);
        }
        long[] hashes = keys.bloomHashes(bloom);
        com.carrotsearch.hppc.LongArrayList out = new com.carrotsearch.hppc.LongArrayList();
        for (int i = from; i < to; i++) {
            if (bloom.findHash(hashes[i])) {
                out.add(keys.distinctHi[i]);
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
     * filter), then the rows that Parquet's column index says may hold one ({@link AnyOf}), read from the column
     * readers into primitive slots (no record assembly, no filter object per row): the key of each, and the entry
     * ({@link KeyEntry}) and night only of those whose key's first half is one of tonight's; then matched on all
     * 128 bits and on the night (unless {@code excludedNight} is {@link #NO_NIGHT}: then the night is not read).
     * A kind's rows carry its own values ({@link KeyEntry}); the others are null.
     */
    public static List<Row> matches(Configuration conf, String file, String kind, Keys keys, int excludedNight)
            throws IOException {
        com.carrotsearch.hppc.LongArrayList packed = new com.carrotsearch.hppc.LongArrayList();
        matches(conf, file, keys, excludedNight, 0, packed);
        return rows(packed.toArray(), new String[] {kind});
    }

    /**
     * The {@code excludedNight} of a file that holds no row of the night a lookup skips (its name says so, see
     * {@link io.newsetl.output.NightRegistry#mayHold}): its {@code run_date} column is then not read at all.
     */
    public static final int NO_NIGHT = Integer.MIN_VALUE;

    /** Longs per matched row in {@link #matches(Configuration, String, Keys, int, int, com.carrotsearch.hppc.LongArrayList)}. */
    static final int PACKED_WIDTH = 7;

    /**
     * {@link #matches(Configuration, String, String, Keys, int)}, each row appended to {@code out} as
     * {@value #PACKED_WIDTH} longs rather than a {@link Row}: its six values (0 where absent), then {@code tag} (the
     * file's index among a lookup's) shifted left by 8 bits over a bit per present value. A lookup task's matches are
     * then one array of longs, which Spark caches and ships without sizing or serializing an object per row.
     */
    static void matches(Configuration conf, String file, Keys keys, int excludedNight, int tag,
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
            boolean night = excludedNight != NO_NIGHT;
            MessageType requested = projection(meta.getSchema(), night ? List.of(KEY_COLUMN, ENTRY, RUN_DATE)
                    : List.of(KEY_COLUMN, ENTRY), path);
            reader.setRequestedSchema(requested);
            List<ColumnDescriptor> columns = requested.getColumns();
            Set<org.apache.parquet.hadoop.metadata.ColumnPath> paths = new java.util.HashSet<>();
            for (ColumnDescriptor c : columns) {
                paths.add(org.apache.parquet.hadoop.metadata.ColumnPath.get(c.getPath()));
            }
            long[] values = new long[KeyEntry.VALUES];
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
                ColumnReader key = store.getColumnReader(columns.get(0));
                ColumnReader entry = store.getColumnReader(columns.get(1));
                ColumnReader runDate = night ? store.getColumnReader(columns.get(2)) : null;
                for (long row = pages.getRowCount(); row > 0; row--) {
                    // The key first: the entry (and night) of a row whose key is none of tonight's are skipped, not
                    // decoded.
                    boolean keyed = present(key);
                    long hashHi = keyed ? key.getLong() : 0L;
                    key.consume();
                    int filled = 0;
                    if (keyed && present(entry) && keys.containsHi(hashHi)) {
                        filled = KeyEntry.unpack(entry.getBinary().toByteBuffer(), values);
                    } else if (present(entry)) {
                        entry.skip();
                    }
                    entry.consume();
                    boolean tonight = false;
                    if (runDate != null) {
                        if (filled != 0 && present(runDate)) {
                            tonight = runDate.getInteger() == excludedNight;
                        } else if (present(runDate)) {
                            runDate.skip();
                        }
                        runDate.consume();
                    }
                    if (filled == 0 || tonight || !keys.contains(hashHi, values[KeyEntry.HASH_LO])) {
                        continue;
                    }
                    out.add(hashHi);
                    for (int v = 0; v < KeyEntry.VALUES; v++) {
                        out.add((filled & 1 << v) != 0 ? values[v] : 0L);
                    }
                    out.add((long) tag << 8 | 1L << HASH_HI | (long) filled << 1);
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
     * The rows packed by {@link #matches(Configuration, String, Keys, int, int, com.carrotsearch.hppc.LongArrayList)}:
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

    /**
     * The file's columns {@code names}, in that order (the table's own order: key, entry, night). A file without one
     * of them is not of this table's layout.
     */
    private static MessageType projection(MessageType file, List<String> names, Path path) {
        List<org.apache.parquet.schema.Type> read = new ArrayList<>();
        for (String name : names) {
            if (!file.containsField(name)) {
                throw new IllegalStateException("No " + name + " column in dedup_keys file " + path + ": a file of "
                        + "an earlier layout or of another table (a night refills dedup_keys in its current layout "
                        + "when the output lacks the marker " + KeyEntry.LAYOUT_MARKER + "; see operations.md)");
            }
            read.add(file.getType(name));
        }
        return new MessageType(file.getName(), read);
    }

    private static boolean present(ColumnReader column) {
        return column.getCurrentDefinitionLevel() == column.getDescriptor().getMaxDefinitionLevel();
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

    /** The packed values of {@code entry}, beside the key: {@link KeyEntry}. */
    private static final String ENTRY = "entry";
    private static final String RUN_DATE = "run_date";

    /** Slots of a packed row: the key, then {@link KeyEntry}'s values shifted by one. */
    private static final int HASH_HI = 0;
    private static final int HASH_LO = 1 + KeyEntry.HASH_LO;
    private static final int ARTICLE_HI = 1 + KeyEntry.ARTICLE_HI;
    private static final int ARTICLE_LO = 1 + KeyEntry.ARTICLE_LO;
    private static final int POSITION = 1 + KeyEntry.POSITION;
    private static final int DISTINCT_BODIES = 1 + KeyEntry.DISTINCT_BODIES;
}
