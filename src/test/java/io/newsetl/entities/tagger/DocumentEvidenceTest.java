package io.newsetl.entities.tagger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentEvidenceTest {

    private static final Lexicon LEX = Lexicon.read(new ByteArrayInputStream(new byte[0]));

    private static WordType[] sentence(String text) {
        return Arrays.stream(text.split(" ")).map(w -> WordType.of(w, LEX)).toArray(WordType[]::new);
    }

    private static long[] features(DocumentEvidence e, WordType[] s, int i) {
        long[] out = new long[16];
        return Arrays.copyOf(out, e.features(s, i, out, 0, out.length));
    }

    @Test
    void hashesCharactersOfABufferAsItHashesAString() {
        char[] buffer = "xxIMFyy".toCharArray();
        assertThat(Hashing.chars(buffer, 2, 3)).isEqualTo(Hashing.chars("IMF"));
    }

    @Test
    void anAcronymSpelledByACapitalisedRunOfTheDocumentIsMarked() {
        WordType[] headline = sentence("IMF CUTS FORECAST");
        WordType[] body = sentence("The International Monetary Fund said so .");
        DocumentEvidence e = new DocumentEvidence(List.of(headline, body));
        assertThat(features(e, headline, 0)).contains(DocumentEvidence.ACRONYM);
        assertThat(features(e, headline, 1)).doesNotContain(DocumentEvidence.ACRONYM);
    }

    @Test
    void aWordSeenInLowerCaseOrCapitalisedMidSentenceElsewhereSaysSo() {
        WordType[] first = sentence("Police said the police chief met Mr Kim .");
        WordType[] second = sentence("Then Kim left .");
        DocumentEvidence e = new DocumentEvidence(List.of(first, second));
        assertThat(features(e, first, 0)).contains(DocumentEvidence.LOWER_ELSEWHERE);
        // "Kim" of the second sentence: capitalised mid-sentence in the first, after "mr".
        assertThat(features(e, second, 1)).contains(DocumentEvidence.CAPITALISED_ELSEWHERE,
                Hashing.mix(DocumentEvidence.PRECEDED_BY, Hashing.chars("mr")));
    }

    @Test
    void resetForgetsTheLastDocument() {
        WordType[] headline = sentence("IMF CUTS FORECAST");
        DocumentEvidence e = new DocumentEvidence(List.of(headline, sentence("The International Monetary Fund .")));
        e.reset(List.<WordType[]>of(headline, sentence("Nothing here .")));
        assertThat(features(e, headline, 0)).isEmpty();
    }
}
