package io.newsetl.parse;

import java.util.List;

/**
 * The fallback when no known layout is recognised: no header at all, the whole text is body, paragraphs separated
 * by blank lines. Such articles are kept with null header fields and {@code header_variant = unknown}.
 */
public final class PlainParser implements SourceParser {

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public boolean recognises(String text) {
        return true;
    }

    @Override
    public ParsedArticle parse(String text) {
        return new ParsedArticle(name(), "unknown", null, null, null, null, null,
                Paragraphs.byBlankLines(Paragraphs.lines(text)), 0, 0);
    }
}
