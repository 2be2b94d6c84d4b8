package io.newsetl.parse;

import java.util.ArrayList;
import java.util.List;

/** Paragraph splitting shared by the source layouts. */
final class Paragraphs {

    private Paragraphs() {
    }

    /** Blocks separated by one or more blank lines; lines inside a block are kept, each trimmed. */
    static List<String> byBlankLines(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty()) {
                flush(block, out);
            } else {
                if (block.length() > 0) {
                    block.append('\n');
                }
                block.append(t);
            }
        }
        flush(block, out);
        return out;
    }

    private static void flush(StringBuilder block, List<String> out) {
        if (block.length() > 0) {
            out.add(block.toString());
            block.setLength(0);
        }
    }

    static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    static int firstNonBlank(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }
}
