package io.newsetl.dedup;

import io.newsetl.model.ContentHasher;
import io.newsetl.model.Hash128;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalises paragraph text before hashing, so that copies which differ only in presentation hash the same.
 *
 * <p>Specification {@value #VERSION} (stored in the {@code articles.normalization} column; any change to the steps
 * below must bump the version, because hashes from different versions never match):
 * <ol>
 *   <li>Unicode NFKC (full-width letters, ligatures and compatibility forms fold to their plain form);</li>
 *   <li>zero-width and invisible characters (U+200B..U+200D, U+2060, U+FEFF, U+00AD soft hyphen) are removed;</li>
 *   <li>typographic quotes fold to ASCII ({@code ‘ ’ ‚ ‛ ′} to {@code '}, {@code “ ” „ ‟ ″ « »} to {@code "}) and
 *       dashes (U+2010..U+2015, U+2212) to {@code -};</li>
 *   <li>case folding with {@code toLowerCase(Locale.ROOT)} (never the machine's locale: Turkish {@code I});</li>
 *   <li>every run of Unicode whitespace or control characters becomes one space; the ends are trimmed.</li>
 * </ol>
 * Punctuation and digits are kept: "446 new cases" and "500 new cases" are different stories.
 *
 * <pre>{@code
 * TextNormalizer.normalize("  The  “Summit”\u200B — TODAY ");  // "the \"summit\" - today"
 * }</pre>
 */
public final class TextNormalizer {

    public static final String VERSION = "n1";

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        return isAscii(text) ? normalizeAscii(text) : normalizeUnicode(text);
    }

    static String normalizeUnicode(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        boolean pendingSpace = false;
        for (int i = 0; i < nfkc.length(); ) {
            int cp = nfkc.codePointAt(i);
            i += Character.charCount(cp);
            if (isInvisible(cp)) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(fold(cp));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The same steps for ASCII text (most English paragraphs), in one pass without code points or a second string
     * for the case folding: NFKC, the invisible characters and the folds do not apply; the whitespace and control
     * characters below 0x80 are exactly those up to the space, and DEL.
     */
    static String normalizeAscii(String text) {
        byte[] out = new byte[text.length()];
        return new String(out, 0, normalizeAscii(text, out), StandardCharsets.ISO_8859_1);
    }

    /**
     * {@link #normalizeAscii(String)} into {@code out} (at least as long as the text) as ASCII bytes, which are also
     * its UTF-8: the hasher reads them without a String in between. Returns the number of bytes written.
     */
    static int normalizeAscii(String text, byte[] out) {
        int n = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                pendingSpace = n > 0;
                continue;
            }
            if (pendingSpace) {
                out[n++] = ' ';
                pendingSpace = false;
            }
            out[n++] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        return n;
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInvisible(int cp) {
        return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD;
    }

    private static int fold(int cp) {
        switch (cp) {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032:
                return '\'';
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB:
                return '"';
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212:
                return '-';
            default:
                return cp;
        }
    }

    /** XXH3-128 of a paragraph after normalisation ({@value #VERSION}): dedup's paragraph key. */
    public static Hash128 paragraphHash(String paragraph) {
        if (isAscii(paragraph)) {
            // Most paragraphs: normalised straight into the bytes that are hashed, no String in between.
            byte[] bytes = new byte[paragraph.length()];
            return ContentHasher.hashBytes(bytes, 0, normalizeAscii(paragraph, bytes));
        }
        return ContentHasher.hashBytes(normalizeUnicode(paragraph).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
