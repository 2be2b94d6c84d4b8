package io.newsetl.ingest;

/**
 * Makes decoded text safe for every later step: line ends become {@code \n}; NUL and other C0/C1 control
 * characters (except tab and newline) and a leading byte-order mark are removed. Form feeds become newlines.
 *
 * <pre>{@code
 * TextCleaner.clean("a\r\nb\u0000c\rd");  // "a\nbc\nd"
 * }</pre>
 */
public final class TextCleaner {

    private TextCleaner() {
    }

    public static String clean(String text) {
        if (isClean(text)) {
            // Most files: nothing to change, no copy.
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int start = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\f') {
                out.append('\n');
            } else if (c == '\n' || c == '\t') {
                out.append(c);
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                continue;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether the text shows nothing: only whitespace, space separators (NBSP, ideographic space), format
     * characters (zero-width space and joiners, byte-order mark, word joiner), controls and the Hangul fillers.
     *
     * <pre>{@code
     * TextCleaner.isInvisible("\u00A0\u3000\u200B\uFEFF\n")  // true
     * TextCleaner.isInvisible("\u00A0a")                         // false
     * }</pre>
     */
    public static boolean isInvisible(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!invisible(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean invisible(char c) {
        if (c <= ' ') {
            return true;
        }
        if (c < 0x7F) {
            return false;
        }
        switch (Character.getType(c)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.FORMAT, Character.CONTROL -> {
                return true;
            }
            default -> {
                // Hangul fillers and the blank Braille pattern are letters or symbols that draw nothing.
                return c == '\u115F' || c == '\u1160' || c == '\u3164' || c == '\uFFA0' || c == '\u2800';
            }
        }
    }

    private static boolean isClean(String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F)) {
                return false;
            }
        }
        return true;
    }
}
