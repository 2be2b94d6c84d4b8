package io.newsetl.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The format of {@code articles.body}, shared by every stage that reads it: the kept paragraphs joined by a blank
 * line. Paragraphs themselves never contain a blank line (parsers split on them), so the ranges are exact.
 *
 * <pre>{@code
 * String body = Body.join(List.of("Lead.", "Second paragraph."));  // "Lead.\n\nSecond paragraph."
 * List<int[]> ranges = Body.paragraphRanges(body);                  // [[0, 5], [7, 24]]
 * }</pre>
 */
public final class Body {

    /** Paragraph separator inside a body. */
    public static final String PARAGRAPH_SEPARATOR = "\n\n";

    private Body() {
    }

    public static String join(List<String> paragraphs) {
        return String.join(PARAGRAPH_SEPARATOR, paragraphs);
    }

    /** {@code [start, end)} of each paragraph of a body built by {@link #join}. */
    public static List<int[]> paragraphRanges(String body) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int sep = body.indexOf(PARAGRAPH_SEPARATOR, start);
            out.add(new int[] {start, sep < 0 ? body.length() : sep});
            if (sep < 0) {
                return out;
            }
            start = sep + PARAGRAPH_SEPARATOR.length();
        }
    }
}
