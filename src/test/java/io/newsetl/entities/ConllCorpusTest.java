package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;

class ConllCorpusTest {

    @Test
    void iob1AndIob2GiveTheSameSpans() {
        List<String> iob1 = List.of("I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "I-MISC");
        List<String> iob2 = List.of("B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-ORG", "B-MISC");
        List<Span> expected = List.of(new Span(0, 2, "PER"), new Span(3, 4, "LOC"), new Span(4, 5, "LOC"),
                new Span(5, 6, "ORG"), new Span(6, 7, "MISC"));
        assertThat(ConllCorpus.spans(iob1)).isEqualTo(expected);
        assertThat(ConllCorpus.spans(iob2)).isEqualTo(expected);
    }

    @Test
    void documentsSplitAtDocstartAndATrailingDocstartAddsNothing() {
        List<ConllCorpus.Document> docs = ConllCorpus.parse(List.of(
                "-DOCSTART- -X- O O", "", "EU NNP I-NP I-ORG", "rejects VBZ I-VP O", "", "Peter NNP I-NP I-PER",
                "-DOCSTART- -X- O O", "", "BRUSSELS NNP I-NP I-LOC", "-DOCSTART- -X- O O"));
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).sentences()).hasSize(2);
        assertThat(docs.get(0).sentences().get(0).spans()).containsExactly(new Span(0, 1, "ORG"));
        assertThat(docs.get(1).tokenCount()).isEqualTo(1);
    }
}
