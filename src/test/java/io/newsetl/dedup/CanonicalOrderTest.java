package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalOrderTest {

    @Test
    void earliestPublishedThenSourcePriorityThenIdAndUnstampedLast() {
        String early = CanonicalOrder.key(Instant.parse("2018-05-29T06:02:00Z"), 100, "ffff");
        String lateButPreferred = CanonicalOrder.key(Instant.parse("2018-05-29T06:03:00Z"), 0, "0000");
        String samePriorityLowerId = CanonicalOrder.key(Instant.parse("2018-05-29T06:02:00Z"), 100, "aaaa");
        String preferredSource = CanonicalOrder.key(Instant.parse("2018-05-29T06:02:00Z"), 5, "zzzz");
        String unstamped = CanonicalOrder.key(null, 0, "0000");
        String before1970 = CanonicalOrder.key(Instant.parse("1969-07-20T20:17:00Z"), 100, "ffff");
        List<String> keys = new ArrayList<>(List.of(unstamped, lateButPreferred, early, samePriorityLowerId,
                preferredSource, before1970));
        keys.sort(null);
        assertThat(keys).containsExactly(before1970, preferredSource, samePriorityLowerId, early, lateButPreferred,
                unstamped);
    }

    @Test
    void negativePrioritiesSortFirst() {
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        assertThat(CanonicalOrder.key(t, -1, "b")).isLessThan(CanonicalOrder.key(t, 0, "a"));
    }
}
