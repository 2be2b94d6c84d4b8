package io.newsetl.entities;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How much of one body the tagger reads, whatever tagger runs: each paragraph up to {@code maxParagraphChars}
 * (cut at the last whitespace before the limit when there is one nearby), and paragraphs only until
 * {@code maxDocumentChars} have been read. A body within both limits is read whole; any other is marked
 * {@code entities_truncated}. This bounds the tagger's work per document by the budget, not by the file size cap:
 * a 15 MB single-paragraph file costs what its first 10,000 characters cost.
 *
 * <pre>{@code
 * TagBudget b = new TagBudget(10_000, 100_000);
 * b.ranges("a".repeat(50_000), List.of(new int[] {0, 50_000}));  // [[0, 10000]]
 * b.truncates("short body", List.of(new int[] {0, 10}));           // false
 * }</pre>
 */
public record TagBudget(int maxParagraphChars, int maxDocumentChars) implements Serializable {

    /** How far back from a cut the tagger looks for whitespace, so that a cut rarely splits a word. */
    private static final int WORD_BACKOFF = 64;

    public TagBudget {
        if (maxParagraphChars <= 0 || maxDocumentChars <= 0) {
            throw new IllegalArgumentException("tag budgets must be positive: " + maxParagraphChars + ", "
                    + maxDocumentChars);
        }
    }

    public static TagBudget defaults() {
        return new TagBudget(10_000, 100_000);
    }

    /** The {@code [start, end)} ranges of {@code body} to read, in order, within the budget. */
    public List<int[]> ranges(String body, List<int[]> paragraphs) {
        List<int[]> out = new ArrayList<>(paragraphs.size());
        long left = maxDocumentChars;
        for (int[] p : paragraphs) {
            if (left <= 0) {
                break;
            }
            int len = (int) Math.min(p[1] - p[0], Math.min(maxParagraphChars, left));
            int end = p[0] + len;
            if (end < p[1]) {
                end = wordEnd(body, p[0], end);
            }
            out.add(new int[] {p[0], end});
            left -= end - p[0];
        }
        return out;
    }

    /** Whether {@link #ranges} leaves any character of the paragraphs unread. */
    public boolean truncates(String body, List<int[]> paragraphs) {
        List<int[]> read = ranges(body, paragraphs);
        if (read.size() < paragraphs.size()) {
            return true;
        }
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i)[1] < paragraphs.get(i)[1]) {
                return true;
            }
        }
        return false;
    }

    private static int wordEnd(String body, int start, int cut) {
        for (int i = cut; i > Math.max(start, cut - WORD_BACKOFF); i--) {
            if (Character.isWhitespace(body.charAt(i - 1))) {
                return i - 1;
            }
        }
        return cut;
    }
}
