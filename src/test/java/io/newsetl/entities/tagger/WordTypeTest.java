package io.newsetl.entities.tagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WordTypeTest {

    private static Lexicon lexicon(String text) {
        return Lexicon.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shapesCollapseRunsOfOneClass() {
        assertThat(WordType.shape("McDonald's", false)).isEqualTo("XxXxxxxx'x");
        assertThat(WordType.shape("McDonald's", true)).isEqualTo("XxXx'x");
        assertThat(WordType.shape("1996-08-22", true)).isEqualTo("d-d-d");
        assertThat(WordType.shape("U.S.", true)).isEqualTo("X.X.");
    }

    @Test
    void addsClusterPrefixesOfBothSourcesAndOfTheLowerCaseForm() {
        Lexicon lex = lexicon("cluster\trcv1\tMonday\t1011001110\ncluster\trcv1\tpolice\t0111\n"
                + "cluster\tweb\tmonday\t110\n");
        WordType monday = WordType.of("Monday", lex);
        WordType unknown = WordType.of("Zzyzx", lex);
        WordType police = WordType.of("Police", lex);
        assertThat(monday.own).hasSizeGreaterThan(unknown.own.length)
                .contains(Hashing.mix(Hashing.mix(WordType.CLUSTER, 0), Hashing.chars("1011")));
        assertThat(unknown.own).contains(Hashing.mix(WordType.NO_CLUSTER, 0), Hashing.mix(WordType.NO_CLUSTER, 1));
        assertThat(police.own).contains(Hashing.mix(Hashing.mix(WordType.LOWER_CLUSTER, 1), Hashing.chars("0111")));
        assertThat(monday.capitalised).isTrue();
        assertThat(WordType.of("IMF", lex).allCaps).isTrue();
    }

    @Test
    void readsListsAndRefusesAnUnknownLine() {
        Lexicon lex = lexicon("list\tcity\tNew York\nlist\tcountry\tGeorgia\n");
        assertThat(lex.lists().categories(PhraseSet.hash(new String[] {"New", "York"}, 0, 2))).isEqualTo(1 << 1);
        assertThatThrownBy(() -> lexicon("list\tplanet\tMars\n")).hasMessageContaining("unknown list planet");
        assertThatThrownBy(() -> lexicon("cluster\tMonday\n")).hasMessageContaining("line 1");
    }
}
