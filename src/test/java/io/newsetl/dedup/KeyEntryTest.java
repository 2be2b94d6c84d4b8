package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class KeyEntryTest {

    @Test
    void eachKindsEntryGivesBackItsValuesAndSaysWhichItHolds() {
        long[] values = new long[KeyEntry.VALUES];
        assertThat(KeyEntry.unpack(ByteBuffer.wrap(KeyEntry.body(-1L, Long.MIN_VALUE, 42L)), values))
                .isEqualTo(1 << KeyEntry.HASH_LO | 1 << KeyEntry.ARTICLE_HI | 1 << KeyEntry.ARTICLE_LO);
        assertThat(values).startsWith(-1L, Long.MIN_VALUE, 42L);

        values = new long[KeyEntry.VALUES];
        assertThat(KeyEntry.unpack(ByteBuffer.wrap(KeyEntry.carrier(7L, 8L, -9L, 123_456)), values))
                .isEqualTo(1 << KeyEntry.HASH_LO | 1 << KeyEntry.ARTICLE_HI | 1 << KeyEntry.ARTICLE_LO
                        | 1 << KeyEntry.POSITION);
        assertThat(values).containsExactly(7L, 8L, -9L, 123_456L, 0L);

        values = new long[KeyEntry.VALUES];
        assertThat(KeyEntry.unpack(ByteBuffer.wrap(KeyEntry.paragraph(Long.MAX_VALUE, 3L)), values))
                .isEqualTo(1 << KeyEntry.HASH_LO | 1 << KeyEntry.DISTINCT_BODIES);
        assertThat(values).containsExactly(Long.MAX_VALUE, 0L, 0L, 0L, 3L);
    }

    @Test
    void anEntryIsReadWhereItLiesInALargerBuffer() {
        byte[] entry = KeyEntry.carrier(1L, 2L, 3L, 4);
        ByteBuffer page = ByteBuffer.allocate(entry.length + 10);
        page.position(6);
        page.put(entry);
        page.position(6).limit(6 + entry.length);
        long[] values = new long[KeyEntry.VALUES];
        KeyEntry.unpack(page, values);
        assertThat(values).containsExactly(1L, 2L, 3L, 4L, 0L);
        assertThat(page.position()).isEqualTo(6);
    }

    @Test
    void anEntryOfNoKindsLengthIsRefused() {
        assertThatThrownBy(() -> KeyEntry.unpack(ByteBuffer.allocate(8), new long[KeyEntry.VALUES]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 bytes");
    }
}
