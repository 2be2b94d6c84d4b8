package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalOrderTest {

    @Test
    void earliestPublishedThenSourcePriorityThenPathAndUnstampedLast() {
        String early = CanonicalOrder.key(Instant.parse("2018-05-29T06:02:00Z"), 100, "b.txt", "0000");
        String lateButPreferred = CanonicalOrder.key(Instant.parse("2018-05-29T06:03:00Z"), 0, "a.txt", "0000");
        String samePriorityFirstPath = CanonicalOrder.key(Instant.parse("2018-05-29T06:02:00Z"), 100, "a.txt", "ffff");
        String preferredSource = CanonicalOrder.key(Instant.parse("2018-05-29T06:02:00Z"), 5, "z.txt", "zzzz");
        String unstamped = CanonicalOrder.key(null, 0, "a.txt", "0000");
        String before1970 = CanonicalOrder.key(Instant.parse("1969-07-20T20:17:00Z"), 100, "z.txt", "ffff");
        List<String> keys = new ArrayList<>(List.of(unstamped, lateButPreferred, early, samePriorityFirstPath,
                preferredSource, before1970));
        keys.sort(null);
        assertThat(keys).containsExactly(before1970, preferredSource, samePriorityFirstPath, early, lateButPreferred,
                unstamped);
    }

    @Test
    void negativePrioritiesSortFirst() {
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        assertThat(CanonicalOrder.key(t, -1, "b", "1")).isLessThan(CanonicalOrder.key(t, 0, "a", "0"));
    }

    @Test
    void theIdIsTheLastFieldEvenWhenThePathHasBars() {
        String key = CanonicalOrder.key(null, 0, "odd|name.txt", "4dd1");
        assertThat(key.substring(key.lastIndexOf('|') + 1)).isEqualTo("4dd1");
    }
}
