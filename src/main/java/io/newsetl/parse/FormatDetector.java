package io.newsetl.parse;

import java.io.Serializable;
import io.newsetl.model.PathRules;
import java.util.List;
import java.util.Map;

/**
 * Chooses the {@link SourceParser} of a document: a format pinned for its path in config wins; otherwise the
 * default format; with {@code auto}, the first parser that recognises the text, in the order KBS, BBC, plain.
 *
 * <pre>{@code
 * // parse.format = auto, parse.format-overrides = { "**&#47;bbc/**" = bbc }
 * detector.parserFor("file:/corpus/bbc/sport/199.txt", text).name();  // "bbc"
 * }</pre>
 */
public final class FormatDetector implements Serializable {

    private final String defaultFormat;
    private final PathRules<String> overrides;
    private final KbsRules kbsRules;
    private transient List<SourceParser> parsers;

    /**
     * @param defaultFormat {@code auto}, {@code kbs}, {@code bbc} or {@code plain}
     * @param overrides     glob (matched against the path without its scheme) to format, first match wins
     */
    public FormatDetector(String defaultFormat, Map<String, String> overrides, KbsRules kbsRules) {
        this.defaultFormat = defaultFormat;
        this.overrides = new PathRules<>(overrides);
        this.kbsRules = kbsRules;
        for (String f : overrides.values()) {
            checkFormat(f);
        }
        checkFormat(defaultFormat);
    }

    public static List<String> formats() {
        return List.of("auto", "kbs", "bbc", "plain");
    }

    private static void checkFormat(String f) {
        if (!formats().contains(f)) {
            throw new IllegalArgumentException("Unknown source format '" + f + "': use one of " + formats());
        }
    }

    public SourceParser parserFor(String sourcePath, String text) {
        if (parsers == null) {
            parsers = List.of(new KbsParser(kbsRules), new BbcParser(), new PlainParser());
        }
        String pinned = overrides.match(sourcePath);
        String format = pinned != null ? pinned : defaultFormat;
        if (!format.equals("auto")) {
            for (SourceParser p : parsers) {
                if (p.name().equals(format)) {
                    return p;
                }
            }
        }
        for (SourceParser p : parsers) {
            if (p.recognises(text)) {
                return p;
            }
        }
        throw new IllegalStateException("PlainParser recognises every text");
    }

}
