package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void foldsCaseWhitespaceQuotesDashesAndInvisibles() {
        assertThat(TextNormalizer.normalize("  The  “Summit”\u200B — TODAY \n"))
                .isEqualTo("the \"summit\" - today");
    }

    @Test
    void appliesNfkcToFullWidthForms() {
        assertThat(TextNormalizer.normalize("ＫＯＲＥＡ　２０１８")).isEqualTo("korea 2018");
    }

    @Test
    void usesRootLocaleNotTheMachineLocale() {
        // Turkish locale would map I to dotless ı; the spec folds with Locale.ROOT.
        assertThat(TextNormalizer.normalize("ISTANBUL")).isEqualTo("istanbul");
    }

    @Test
    void keepsDigitsAndPunctuationThatChangeMeaning() {
        assertThat(TextNormalizer.normalize("446 new cases.")).isNotEqualTo(TextNormalizer.normalize("500 new cases."));
        assertThat(TextNormalizer.normalize("Hangul 한국어 stays")).isEqualTo("hangul 한국어 stays");
    }
}
