package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.model.ContentHasher;
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

    @Test
    void asciiFastPathGivesTheSameTextAsTheGeneralSteps() {
        // Every ASCII character, controls included, in random runs: the fast path must never change a hash.
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                b.append((char) (random.nextBoolean() ? random.nextInt(0x80) : " \t\nAbZz.-'\"".charAt(random.nextInt(11))));
            }
            String text = b.toString();
            assertThat(TextNormalizer.normalizeAscii(text)).as("%s", text.chars().boxed().toList())
                    .isEqualTo(TextNormalizer.normalizeUnicode(text));
            // The hasher's byte path: the same hash as hashing the general steps' UTF-8.
            assertThat(TextNormalizer.paragraphHash(text)).isEqualTo(ContentHasher.hashBytes(
                    TextNormalizer.normalizeUnicode(text).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }
}
