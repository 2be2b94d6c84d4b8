package io.newsetl.model;

/**
 * Makes text from the corpus (paths, titles, messages) safe for a log line or a terminal: control characters,
 * including newlines and ANSI escapes, become visible {@code \\uXXXX} escapes, so an input file name cannot forge
 * or hide log lines.
 *
 * <pre>{@code
 * LogSafe.escape("a\nFAKE LOG LINE\u001b[2J");  // "a\\u000aFAKE LOG LINE\\u001b[2J"
 * }</pre>
 */
public final class LogSafe {

    private LogSafe() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
