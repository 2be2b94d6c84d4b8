package io.newsetl.ingest;

/**
 * Makes decoded text safe for every later step: line ends become {@code \n}; NUL and other C0/C1 control
 * characters (except tab and newline) and a leading byte-order mark are removed. Form feeds become newlines.
 *
 * <pre>{@code
 * TextCleaner.clean("a\r\nb\u0000c\rd")  // "a\nbc\nd"
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
