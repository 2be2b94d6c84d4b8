package io.newsetl.parse;

import java.util.List;
import java.util.Set;

/**
 * Tells the language of an article by script share: {@code ko} when most letters are Hangul, {@code en} when most
 * are Latin and common English function words make up a noticeable share of the words, {@code und} otherwise
 * (other Latin-script languages, too little text). The first 4,000 characters decide.
 *
 * <pre>{@code
 * LanguageDetector.detect(List.of("북한과 미국의 실무 회담이 재개됩니다."));  // "ko"
 * LanguageDetector.detect(List.of("The talks are being led by Sung Kim."));  // "en"
 * }</pre>
 */
public final class LanguageDetector {

    private static final int SAMPLE_CHARS = 4000;
    private static final Set<String> ENGLISH = Set.of("the", "of", "and", "to", "in", "a", "is", "for", "on",
            "that", "with", "was", "as", "by", "at", "it", "from", "are", "be", "has", "have", "will", "said");
    private static final int MAX_FUNCTION_WORD = 5;
    /** The function words' codes (below 27^5: at most 1.8 MB of bits, once per JVM): one lookup per word. */
    private static final java.util.BitSet ENGLISH_CODES = new java.util.BitSet();

    static {
        ENGLISH.forEach(w -> ENGLISH_CODES.set(code(w)));
    }

    private LanguageDetector() {
    }

    /** A lower-case ASCII word of at most {@link #MAX_FUNCTION_WORD} letters as the number {@link #detect} builds. */
    static int code(String word) {
        if (word.length() > MAX_FUNCTION_WORD) {
            throw new IllegalArgumentException("Function words have at most " + MAX_FUNCTION_WORD + " letters: " + word);
        }
        int code = 0;
        for (int i = 0; i < word.length(); i++) {
            code = code * 27 + (word.charAt(i) - 'a' + 1);
        }
        return code;
    }

    public static String detect(List<String> paragraphs) {
        int hangul = 0;
        int latin = 0;
        int words = 0;
        int english = 0;
        int budget = SAMPLE_CHARS;
        // The current word as a base-27 number of its lower-case ASCII letters while it is short enough to be a
        // function word (-1 once it cannot be): no builder or String per word, which once cost 7% of a run's CPU.
        int length = 0;
        int code = 0;
        for (String p : paragraphs) {
            int n = Math.min(p.length(), budget);
            budget -= n;
            for (int i = 0; i <= n; i++) {
                char c = i < n ? p.charAt(i) : ' ';
                char lower = (char) (c | 0x20);
                if (lower >= 'a' && lower <= 'z') {
                    latin++;
                    code = code < 0 || length >= MAX_FUNCTION_WORD ? -1 : code * 27 + (lower - 'a' + 1);
                    length++;
                } else if (c >= 0x80 && Character.isLetter(c)) {
                    Character.UnicodeScript script = Character.UnicodeScript.of(c);
                    if (script == Character.UnicodeScript.LATIN) {
                        latin++;
                    } else if (script == Character.UnicodeScript.HANGUL) {
                        hangul++;
                    }
                    code = -1;
                    length++;
                } else if (length > 0) {
                    words++;
                    if (code > 0 && ENGLISH_CODES.get(code)) {
                        english++;
                    }
                    length = 0;
                    code = 0;
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
