package io.newsetl.parse;

import java.util.List;
import java.util.Set;

/**
 * Tells the language of an article by script share: {@code ko} when most letters are Hangul, {@code en} when most
 * are Latin and common English function words make up a noticeable share of the words, {@code und} otherwise
 * (other Latin-script languages, too little text). The first 4,000 characters decide.
 *
 * <pre>{@code
 * LanguageDetector.detect(List.of("북한과 미국의 실무 회담이 재개됩니다."))  // "ko"
 * LanguageDetector.detect(List.of("The talks are being led by Sung Kim."))  // "en"
 * }</pre>
 */
public final class LanguageDetector {

    private static final int SAMPLE_CHARS = 4000;
    private static final Set<String> ENGLISH = Set.of("the", "of", "and", "to", "in", "a", "is", "for", "on",
            "that", "with", "was", "as", "by", "at", "it", "from", "are", "be", "has", "have", "will", "said");

    private LanguageDetector() {
    }

    public static String detect(List<String> paragraphs) {
        int hangul = 0;
        int latin = 0;
        int words = 0;
        int english = 0;
        int budget = SAMPLE_CHARS;
        StringBuilder word = new StringBuilder(16);
        for (String p : paragraphs) {
            int n = Math.min(p.length(), budget);
            budget -= n;
            // One pass over the characters: script counts and words, without regex or a lower-cased copy.
            for (int i = 0; i <= n; i++) {
                char c = i < n ? p.charAt(i) : ' ';
                if (Character.isLetter(c)) {
                    if (c < 0x80 || Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                        latin++;
                    } else if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL) {
                        hangul++;
                    }
                    word.append(Character.toLowerCase(c));
                } else if (word.length() > 0) {
                    words++;
                    if (word.length() <= 5 && ENGLISH.contains(word.toString())) {
                        english++;
                    }
                    word.setLength(0);
                }
            }
            if (budget <= 0) {
                break;
            }
        }
        int letters = hangul + latin;
        if (letters == 0) {
            return "und";
        }
        if (hangul * 2 >= letters) {
            return "ko";
        }
        return words > 0 && english * 100 >= words * 8 ? "en" : "und";
    }
}
