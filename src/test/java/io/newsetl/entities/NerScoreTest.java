package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;

class NerScoreTest {

    @Test
    void onlyExactSpanAndTypeCount() {
        NerScore s = new NerScore();
        s.add(List.of(new Span(0, 2, "PER"), new Span(3, 4, "LOC"), new Span(5, 6, "ORG")),
                List.of(new Span(0, 2, "PER"), new Span(3, 4, "ORG"), new Span(5, 7, "ORG")));
        assertThat(s.overall()).isEqualTo(new NerScore.Counts(3, 3, 1));
        assertThat(s.overall().f1()).isCloseTo(33.33, within(0.01));
        assertThat(s.byType().get("ORG")).isEqualTo(new NerScore.Counts(1, 2, 0));
        assertThat(s.byType().get("LOC").recall()).isZero();
        assertThat(s.report()).endsWith("overall  P= 33.33 R= 33.33 F1= 33.33 (gold 3, predicted 3)");
    }
}
