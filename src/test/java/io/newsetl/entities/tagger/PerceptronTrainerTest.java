package io.newsetl.entities.tagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;

/** Training, decoding and the model file, on a small made-up corpus (no shared data needed). */
class PerceptronTrainerTest {

    private static final String[] FIRST = {"Anna", "Boris", "Clara", "David", "Elena", "Farid", "Greta", "Hiro"};
    private static final String[] LAST = {"Smith", "Novak", "Okafor", "Tanaka", "Rossi", "Berg", "Silva", "Khan"};
    private static final String[] CITY = {"Lyon", "Porto", "Kyoto", "Lagos", "Quito", "Perth", "Oslo", "Cairo"};

    /** "First Last visited City on Monday ." with the person and the city marked. */
    private static List<List<PerceptronTrainer.Sentence>> corpus(int from, int to) {
        List<List<PerceptronTrainer.Sentence>> docs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i / FIRST.length) % LAST.length];
            String city = CITY[(i * 3) % CITY.length];
            docs.add(List.of(new PerceptronTrainer.Sentence(List.of(first, last, "visited", city, "on", "Monday", "."),
                    List.of(new Span(0, 2, "PER"), new Span(3, 4, "LOC")))));
        }
        return docs;
    }

    private static LinearChainModel train() {
        return PerceptronTrainer.train(corpus(0, 40), Lexicon.empty(), d -> new PhraseSet[0],
                new PerceptronTrainer.Settings(5, 1L), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void learnsToTagNamesInTheirContext() {
        SequenceTagger tagger = new SequenceTagger(train(), Lexicon.empty(), new PhraseSet[0]);
        List<List<Span>> spans = tagger.tag(List.<String[]>of(new String[] {"Hiro", "Silva", "visited", "Oslo", "on",
                "Monday", "."}));
        assertThat(spans.get(0)).extracting(Span::getStart, Span::getEnd, Span::getType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 2, "PER"),
                        org.assertj.core.groups.Tuple.tuple(3, 4, "LOC"));
        assertThat(spans.get(0)).allSatisfy(s -> assertThat(s.getProb()).isBetween(0.0, 1.0));
    }

    @Test
    void looksEachWordTypeUpOnce() {
        SequenceTagger tagger = new SequenceTagger(train(), Lexicon.empty(), new PhraseSet[0]);
        String[] s = {"Anna", "Smith", "visited", "Lyon", "and", "Anna", "Smith", "left", "."};
        tagger.tag(List.<String[]>of(s, s));
        assertThat(tagger.vocabularySize()).isEqualTo(7);
    }

    @Test
    void trainsTheSameBytesTwiceAndReadsThemBack() throws IOException {
        byte[] a = bytes(train());
        byte[] b = bytes(train());
        assertThat(a).isEqualTo(b);
        LinearChainModel read = LinearChainModel.read(new ByteArrayInputStream(a), "test");
        assertThat(bytes(read)).isEqualTo(a);
    }

    @Test
    void refusesADamagedModelAndSaysHowToRetrain() throws IOException {
        byte[] a = bytes(train());
        byte[] raw = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(a)).readAllBytes();
        raw[raw.length / 2] ^= 1;
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(damaged)) {
            gz.write(raw);
        }
        assertThatThrownBy(() -> LinearChainModel.read(new ByteArrayInputStream(damaged.toByteArray()), "m.bin"))
                .hasMessageContaining("m.bin is damaged").hasMessageContaining("train-ner");
    }

    private static byte[] bytes(LinearChainModel m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }
}
