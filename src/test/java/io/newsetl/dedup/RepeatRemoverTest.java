package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsetl.model.ContentHasher;
import io.newsetl.model.Hash128;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatRemoverTest {

    @Test
    void keepsTheFirstCopyOfARepeatedParagraph() {
        RepeatRemover.Result r = RepeatRemover.apply(List.of("Lead.", "Long text here.", "LONG   text here.", "End."));
        assertThat(r.kept()).containsExactly("Lead.", "Long text here.", "End.");
        assertThat(r.removed()).isEqualTo(1);
        assertThat(r.keptHashes()).hasSize(3).doesNotHaveDuplicates();
        assertThat(r.keptHashes().get(1)).isEqualTo(TextNormalizer.paragraphHash("long text here."));
    }

    @Test
    void hashIsOneHundredTwentyEightBitsAndRoundTripsAsHex() {
        Hash128 h = TextNormalizer.paragraphHash("The Summit");
        assertThat(h.hex()).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(Hash128.fromHex(h.hex())).isEqualTo(h);
        assertThat(TextNormalizer.paragraphHash("the  summit")).isEqualTo(h);
        assertThat(TextNormalizer.paragraphHash("the summits")).isNotEqualTo(h);
        assertThatThrownBy(() -> Hash128.fromHex("abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hashOfKnownInputIsStableAcrossVersions() {
        // XXH3-128 of the empty input, as published by the xxHash reference implementation.
        assertThat(ContentHasher.hashBytes(new byte[0]).hex()).isEqualTo("99aa06d3014798d86001c324468d497f");
    }
}
