package io.newsetl.parse;

/**
 * A source layout (KBS, BBC, ...): says whether a text looks like it and parses it into a {@link ParsedArticle}.
 * Implementations are pure, thread-safe and cheap to share; {@link FormatDetector} picks one per document.
 */
public interface SourceParser {

    /** The name used in config ({@code parse.format}) and in the {@code articles.format} column. */
    String name();

    /** True when the text carries signals of this layout; used by automatic detection, in a fixed order. */
    boolean recognises(String text);

    ParsedArticle parse(String text);
}
