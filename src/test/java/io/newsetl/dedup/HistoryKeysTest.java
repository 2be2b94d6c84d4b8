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
}
