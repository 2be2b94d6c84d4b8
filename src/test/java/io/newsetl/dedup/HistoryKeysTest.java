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
}
