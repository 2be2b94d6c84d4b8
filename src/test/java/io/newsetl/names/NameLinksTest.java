package io.newsetl.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NameLinksTest {

    @Test
    void linksASurnameWhenOneFullNameHasALargeMajority() {
        assertThat(NameLinks.link(Map.of("Tony Blair", 40L, "Cherie Blair", 3L), 42)).contains("Tony Blair");
        assertThat(NameLinks.link(Map.of("Tony Blair", 8L, "Cherie Blair", 2L), 10)).contains("Tony Blair");
    }

    @Test
    void leavesItWhenAmbiguousOrTooRare() {
        assertThat(NameLinks.link(Map.of("Gordon Brown", 30L, "Nick Brown", 12L), 40)).isEmpty();
        assertThat(NameLinks.link(Map.of("Ana Silva", 2L), 2)).as("fewer than MIN_ARTICLES").isEmpty();
        assertThat(NameLinks.link(Map.of(), 0)).isEmpty();
        assertThat(NameLinks.link(Map.of("A Kim", 5L, "B Kim", 5L), 10)).isEmpty();
    }
}
