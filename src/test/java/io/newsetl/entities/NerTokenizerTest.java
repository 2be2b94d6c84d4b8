package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NerTokenizerTest {

    private static List<String> words(String text) {
        return NerTokenizer.tokens(text, 0, text.length(), 0).stream().map(NerTokenizer.Token::text).toList();
    }

    @Test
    void tokenisesLikeConll() {
        assertThat(words("The U.S. said Mr. Kim's 10,000-strong unit, led by Samsung Co. Ltd., didn't move."))
                .containsExactly("The", "U.S.", "said", "Mr.", "Kim", "'s", "10,000-strong", "unit", ",", "led", "by",
                        "Samsung", "Co.", "Ltd.", ",", "did", "n't", "move", ".");
        assertThat(words("Choe Son-hui met O'Neill on 1996-08-22 at 3.5 p.m.")).containsExactly("Choe", "Son-hui",
                "met", "O'Neill", "on", "1996-08-22", "at", "3.5", "p.m.");
    }

    @Test
    void rankingsInitialsAndScoresStayWhole() {
        List<List<NerTokenizer.Token>> s = new NerTokenizer().sentences("1. J. Smith ( U.S. ) +1 .500 1970s", 0);
        assertThat(s).hasSize(1);
        assertThat(s.get(0)).extracting(NerTokenizer.Token::text)
                .containsExactly("1.", "J.", "Smith", "(", "U.S.", ")", "+1", ".500", "1970s");
    }

    @Test
    void linesOfSpacesAreNoSentence() {
        List<List<NerTokenizer.Token>> s = new NerTokenizer().sentences("Talks resumed.\n \n   \nKim spoke.  ", 0);
        assertThat(s).extracting(t -> t.get(0).text()).containsExactly("Talks", "Kim");
    }

    @Test
    void offsetsPointIntoTheTextAndSentencesSplit() {
        String text = "Talks resumed. Pompeo spoke in Congress.\nA second line";
        List<List<NerTokenizer.Token>> sentences = new NerTokenizer().sentences(text, 100);
        assertThat(sentences).hasSize(3);
        NerTokenizer.Token pompeo = sentences.get(1).get(0);
        assertThat(pompeo.text()).isEqualTo("Pompeo");
        assertThat(text.substring(pompeo.start() - 100, pompeo.end() - 100)).isEqualTo("Pompeo");
        assertThat(sentences.get(2).get(0).text()).isEqualTo("A");
    }
}
