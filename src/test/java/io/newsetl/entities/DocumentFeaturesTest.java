package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentFeaturesTest {

    @Test
    void headlineWordsLearnFromTheBody() {
        List<String[][]> f = DocumentFeatures.compute(List.of(
                new String[] {"JAPAN", "GET", "WIN", "OVER", "IMF"},
                new String[] {"Officials", "in", "Japan", "said", "they", "get", "help", "."},
                new String[] {"The", "International", "Monetary", "Fund", "agreed", "."}));
        assertThat(f.get(0)[0]).contains("dc", "dp=in");
        assertThat(f.get(0)[1]).containsExactly("dl");
        assertThat(f.get(0)[2]).isEmpty();
        assertThat(f.get(0)[4]).contains("acr");
        // An occurrence is not evidence about itself.
        assertThat(f.get(1)[2]).doesNotContain("dc");
    }

    @Test
    void consistencyAddsMissedMentionsWithTheMajorityType() {
        List<String[]> s = List.of(new String[] {"Mike", "Pompeo", "spoke", "."},
                new String[] {"Later", "Pompeo", "left", "for", "Seoul", "."},
                new String[] {"Seoul", "said", "no", "."});
        List<List<opennlp.tools.util.Span>> spans = List.of(
                List.of(new opennlp.tools.util.Span(0, 2, "PER")),
                List.of(new opennlp.tools.util.Span(4, 5, "LOC")),
                List.of());
        List<List<opennlp.tools.util.Span>> fixed = DocumentConsistency.apply(s, spans);
        assertThat(fixed.get(1)).contains(new opennlp.tools.util.Span(1, 2, "PER"));
        assertThat(fixed.get(2)).containsExactly(new opennlp.tools.util.Span(0, 1, "LOC"));
    }
}
