package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;

class DocumentConsistencyTest {

    private static String[] toks(String s) {
        return s.split(" ");
    }

    @Test
    void findsAgainANameTheModelFoundElsewhereInTheDocument() {
        List<String[]> sentences = List.of(toks("Mike Pompeo met Kim ."), toks("Pompeo left on Friday ."));
        List<List<Span>> found = List.of(List.of(new Span(0, 2, "PER"), new Span(3, 4, "PER")), List.of());
        List<List<Span>> fixed = DocumentConsistency.apply(sentences, found);
        assertThat(fixed.get(0)).containsExactly(new Span(0, 2, "PER"), new Span(3, 4, "PER"));
        // The surname of a multi-word person counts as a mention of that person.
        assertThat(fixed.get(1)).containsExactly(new Span(0, 1, "PER"));
    }

    @Test
    void matchesAHeadlineInCapitalsAndIgnoresItsCapitalisedNeighbours() {
        List<String[]> sentences = List.of(toks("SOCCER - WEAH HEAD-BUTT DEPRIVES PORTUGAL OF COSTA ."),
                toks("George Weah was banned after the game against Portugal ."));
        List<List<Span>> found = List.of(List.of(new Span(5, 6, "LOC")),
                List.of(new Span(0, 2, "PER"), new Span(8, 9, "LOC")));
        List<List<Span>> fixed = DocumentConsistency.apply(sentences, found);
        assertThat(fixed.get(0)).containsExactly(new Span(2, 3, "PER"), new Span(5, 6, "LOC"));
    }

    @Test
    void inMixedCaseTextACapitalisedNeighbourStillBlocksAPartialMatch() {
        // "Pompeo" is known, but "Pompeo Street" may be another name: no partial match inside a capitalised run.
        List<String[]> sentences = List.of(toks("Mike Pompeo spoke ."), toks("They met on Pompeo Street ."));
        List<List<Span>> found = List.of(List.of(new Span(0, 2, "PER")), List.of());
        assertThat(DocumentConsistency.apply(sentences, found).get(1)).isEmpty();
    }
}
