package io.newsetl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    @Test
    void byScriptShareAndFunctionWords() {
        assertThat(LanguageDetector.detect(List.of("북한과 미국의 실무 회담이 재개됩니다."))).isEqualTo("ko");
        assertThat(LanguageDetector.detect(List.of("The talks are being led by Sung Kim in the village."))).isEqualTo("en");
        assertThat(LanguageDetector.detect(List.of("Die Nationalversammlung hat den Nachtragshaushalt gebilligt.")))
                .isEqualTo("und");
        assertThat(LanguageDetector.detect(List.of("2018 - 05 - 29"))).isEqualTo("und");
    }

    @Test
    void functionWordsIgnoreCaseButNotLongerOrAccentedWords() {
        assertThat(LanguageDetector.detect(List.of("THE TALKS ARE BEING LED BY SUNG KIM IN THE VILLAGE."))).isEqualTo("en");
        // "thee", "andé", "tothe" contain function words but are none: no English share.
        assertThat(LanguageDetector.detect(List.of("thee andé tothe inn thèse ofa saidx"))).isEqualTo("und");
        assertThat(LanguageDetector.code("said")).isNotEqualTo(LanguageDetector.code("aid"));
    }
}
