package io.newsetl.entities.tagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void encodesSpansAsBilouAndDecodesThemBack() {
        List<Span> spans = List.of(new Span(0, 1, "LOC"), new Span(2, 5, "PER"), new Span(5, 7, "ORG"));
        int[] labels = Labels.encode(spans, 8);
        assertThat(java.util.Arrays.stream(labels).mapToObj(Labels::name)).containsExactly("U-LOC", "O", "B-PER", "I-PER", "L-PER", "B-ORG",
                "L-ORG", "O");
        assertThat(Labels.decode(labels, labels.length)).containsExactlyElementsOf(spans);
    }

    @Test
    void allowsOnlyTransitionsThatKeepSpansWellFormed() {
        int bPer = Labels.encode(List.of(new Span(0, 2, "PER")), 2)[0];
        int lPer = Labels.encode(List.of(new Span(0, 2, "PER")), 2)[1];
        int uOrg = Labels.encode(List.of(new Span(0, 1, "ORG")), 1)[0];
        assertThat(Labels.allowed(bPer, lPer)).isTrue();
        assertThat(Labels.allowed(bPer, Labels.O)).isFalse();
        assertThat(Labels.allowed(bPer, uOrg)).isFalse();
        assertThat(Labels.allowed(Labels.COUNT, lPer)).as("a sentence cannot start inside a span").isFalse();
        assertThat(Labels.allowed(lPer, uOrg)).isTrue();
        assertThat(Labels.canEnd(bPer)).isFalse();
        assertThat(Labels.canEnd(lPer)).isTrue();
        assertThat(Labels.predecessors(lPer)).containsExactlyInAnyOrder(bPer, bPer + 1);
    }

    @Test
    void refusesAnUnknownType() {
        assertThatThrownBy(() -> Labels.encode(List.of(new Span(0, 1, "DATE")), 1))
                .hasMessageContaining("DATE").hasMessageContaining("PER");
    }
}
