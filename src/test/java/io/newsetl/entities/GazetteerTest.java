package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GazetteerTest {

    private final Gazetteer g = Gazetteer.of(Map.of(
            "LOC", "# places\nNorth Korea\tDPRK\t북한\nKorea\nPhilippines\n",
            "PER", "Sung Kim\t성김\nDonald Trump\tTrump\t트럼프\n"));

    @Test
    void longestWholeWordMatchesWithCanonicalNames() {
        String text = "Ambassador to the Philippines Sung Kim told North Korea and Trump; North Korean media, Koreans.";
        assertThat(g.find(text)).extracting(m -> text.substring(m.start(), m.end()) + "=" + m.entry().canonical()
                        + "/" + m.entry().type())
                .containsExactly("Philippines=Philippines/LOC", "Sung Kim=Sung Kim/PER", "North Korea=North Korea/LOC",
                        "Trump=Donald Trump/PER");
        assertThat(g.lookup("DPRK").canonical()).isEqualTo("North Korea");
        assertThat(g.lookup("trump")).isNull();
    }

    @Test
    void hangulAliasesMatchBeforeParticles() {
        String text = "트럼프는 북한을 방문했다. 성김대사";
        assertThat(g.findKorean(text)).extracting(m -> m.entry().canonical())
                .containsExactly("Donald Trump", "North Korea", "Sung Kim");
    }

    @Test
    void bundledGazetteersLoad() {
        Gazetteer bundled = Gazetteer.load("");
        assertThat(bundled.lookup("Choe Son-hui").type()).isEqualTo("PER");
        assertThat(bundled.lookup("Panmunjom").canonical()).isEqualTo("Panmunjeom");
        assertThat(bundled.lookup("청와대").type()).isEqualTo("ORG");
        assertThat(bundled.lookup("GMT").type()).isEqualTo(Gazetteer.NOT_AN_ENTITY);
        assertThat(bundled.lookup("Tories").canonical()).isEqualTo("Conservative Party");
    }
}
