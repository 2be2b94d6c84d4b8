package io.newsetl.parse;

import java.util.List;

/**
 * The BBC News layout: a headline line, a blank line, then paragraphs separated by blank lines; no dates.
 *
 * <pre>{@literal
 * Ad sales boost Time Warner profit
 *
 * Quarterly profits at US media giant TimeWarner jumped 76% ...
 *
 * The firm, which is now one of the biggest investors in Google, ...
 * }</pre>
 */
public final class BbcParser implements SourceParser {

    static final int MAX_HEADLINE_CHARS = 300;

    @Override
    public String name() {
        return "bbc";
    }

    @Override
    public boolean recognises(String text) {
        List<String> lines = Paragraphs.lines(text);
        int first = Paragraphs.firstNonBlank(lines, 0);
        return first >= 0
                && lines.get(first).strip().length() <= MAX_HEADLINE_CHARS
                && first + 1 < lines.size()
                && lines.get(first + 1).isBlank()
                && Paragraphs.firstNonBlank(lines, first + 1) > 0;
    }

    @Override
    public ParsedArticle parse(String text) {
        List<String> lines = Paragraphs.lines(text);
        int first = Paragraphs.firstNonBlank(lines, 0);
        if (first < 0) {
            return new ParsedArticle(name(), "unknown", null, null, null, null, null, List.of(), 0, 0);
        }
        String headline = lines.get(first).strip();
        List<String> body = Paragraphs.byBlankLines(lines.subList(first + 1, lines.size()));
        return new ParsedArticle(name(), "headline", headline, null, null, null, null, body, 0, 0);
    }
}
