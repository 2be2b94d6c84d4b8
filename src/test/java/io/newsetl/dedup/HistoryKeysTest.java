package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistoryKeysTest {

    @Test
    void halvesOfAHexHashAreItsBitsAsSignedLongs() {
        String hash = "ffffffffffffffff000000000000002a";
        assertThat(new HistoryKeys.HalfOfHash(0).call(hash)).isEqualTo(-1L);
        assertThat(new HistoryKeys.HalfOfHash(16).call(hash)).isEqualTo(42L);
        assertThat(new HistoryKeys.HalfOfHash(0).call("8000000000000000" + "0".repeat(16))).isEqualTo(Long.MIN_VALUE);
        assertThat(new HistoryKeys.HalfOfHash(0).call(null)).isNull();
    }

    @Test
    void aHashOfAnotherLengthIsABugAndFails() {
        assertThatThrownBy(() -> new HistoryKeys.HalfOfHash(0).call("abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32-digit");
    }

    @Test
    void aHashAsSparkHoldsItIsParsedAsItsStringIs() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 1_000; i++) {
            String hash = String.format("%016x%016x", random.nextLong(), random.nextLong());
            org.apache.spark.unsafe.types.UTF8String bytes = org.apache.spark.unsafe.types.UTF8String.fromString(hash);
            assertThat(HistoryKeys.half(bytes, 0)).isEqualTo(new HistoryKeys.HalfOfHash(0).call(hash));
            assertThat(HistoryKeys.half(bytes, 16)).isEqualTo(new HistoryKeys.HalfOfHash(16).call(hash));
        }
        for (String bad : new String[] {"abc", "g".repeat(32), "0".repeat(31) + "é"}) {
            assertThatThrownBy(() -> HistoryKeys.half(org.apache.spark.unsafe.types.UTF8String.fromString(bad), 16))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-digit");
        }
        assertThatThrownBy(() -> HistoryKeys.half(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slicesSplitTheSignedRangeInOrderAndEvenly() {
        assertThat(HistoryKeys.slice(Long.MIN_VALUE, 7)).isZero();
        assertThat(HistoryKeys.slice(Long.MAX_VALUE, 7)).isEqualTo(6);
        assertThat(HistoryKeys.slice(-1L, 2)).isZero();
        assertThat(HistoryKeys.slice(0L, 2)).isEqualTo(1);
        assertThat(HistoryKeys.slice(42L, 1)).isZero();
        java.util.Random random = new java.util.Random(7);
        int[] counts = new int[5];
        long previous = Long.MIN_VALUE;
        int previousSlice = 0;
        long[] sorted = random.longs(50_000).sorted().toArray();
        for (long h : sorted) {
            int s = HistoryKeys.slice(h, 5);
            assertThat(s).as("slices follow the signed order").isGreaterThanOrEqualTo(previousSlice);
            assertThat(h).isGreaterThanOrEqualTo(previous);
            counts[s]++;
            previous = h;
            previousSlice = s;
        }
        assertThat(java.util.Arrays.stream(counts).boxed()).allSatisfy(c -> assertThat(c).isBetween(9_000, 11_000));
    }

    @Test
    void aLookupHasASlicePerSliceArticlesAndNoMoreThanCores() {
        assertThat(HistoryKeys.slices(0, 8)).isEqualTo(1);
        assertThat(HistoryKeys.slices(HistoryKeys.SLICE_ARTICLES - 1, 8)).isEqualTo(1);
        assertThat(HistoryKeys.slices(2L * HistoryKeys.SLICE_ARTICLES, 8)).isEqualTo(2);
        assertThat(HistoryKeys.slices(2L * HistoryKeys.SLICE_ARTICLES + 1, 8)).isEqualTo(3);
        assertThat(HistoryKeys.slices(1_000_000, 8)).isEqualTo(8);
        assertThat(HistoryKeys.slices(1_000_000, 0)).isEqualTo(1);
    }

    @Test
    void aSlicesKeysKeepTheirKindAcrossItsPartitions() {
        com.carrotsearch.hppc.LongArrayList bodies = new com.carrotsearch.hppc.LongArrayList();
        bodies.add(5L, 1L);
        com.carrotsearch.hppc.LongArrayList paragraphs = new com.carrotsearch.hppc.LongArrayList();
        paragraphs.add(-3L, 2L, 5L, 9L);
        long[] first = HistoryKeys.SliceKeys.pack(bodies, paragraphs);
        long[] second = HistoryKeys.SliceKeys.pack(null, bodies);   // a paragraph hash that is also a body hash
        long[] third = HistoryKeys.SliceKeys.pack(bodies, null);    // the same body again, in another partition

        HistoryKeys.SliceKeys slice = HistoryKeys.SliceKeys.of(java.util.List.of(first, second, third).iterator());

        assertThat(slice.bodies().size()).isEqualTo(1);
        assertThat(slice.bodies().contains(5L, 1L)).isTrue();
        assertThat(slice.bodies().contains(5L, 9L)).isFalse();
        assertThat(slice.paragraphs().size()).isEqualTo(3);
        assertThat(slice.paragraphs().contains(-3L, 2L)).isTrue();
        assertThat(slice.paragraphs().contains(5L, 9L)).isTrue();
        assertThat(slice.paragraphs().contains(5L, 1L)).isTrue();
        assertThat(slice.size()).isEqualTo(4);
        assertThat(HistoryKeys.SliceKeys.of(java.util.Collections.emptyIterator()).size()).isZero();
    }
}
