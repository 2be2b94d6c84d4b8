package io.newsetl.names;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Editors' overrides of name grouping, from {@code aliases.tsv} beside the gazetteers ({@code conf/gazetteers/}):
 * one line per canonical name, then the names that must become it, tab-separated; {@code #} starts a comment.
 * Applied after every rule of {@link ArticleNames}, so an editor can join what the rules keep apart
 * ("Brown" → "Gordon Brown" in a corpus where he is the only Brown) or rename a group. Empty as shipped.
 *
 * <pre>{@code
 * Aliases a = Aliases.parse("Gordon Brown\tBrown\tMr Brown\n");
 * a.canonical("Brown");   // "Gordon Brown"
 * a.canonical("Blair");   // "Blair"
 * }</pre>
 */
public final class Aliases {

    public static final String FILE = "aliases.tsv";
    private static final Aliases NONE = new Aliases(Map.of());

    private final Map<String, String> canonicalOf;

    private Aliases(Map<String, String> canonicalOf) {
        this.canonicalOf = canonicalOf;
    }

    public static Aliases none() {
        return NONE;
    }

    public static Aliases parse(String text) {
        Map<String, String> m = new HashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] names = l.split("\t");
            for (int i = 1; i < names.length; i++) {
                if (!names[i].isBlank()) {
                    m.putIfAbsent(names[i].strip(), names[0].strip());
                }
            }
        }
        return new Aliases(m);
    }

    /** The aliases of the gazetteer folder {@code dir} (the bundled copy of conf/gazetteers when empty). */
    public static Aliases load(String dir) {
        try {
            if (dir == null || dir.isEmpty()) {
                try (InputStream in = Aliases.class.getResourceAsStream("/gazetteers/" + FILE)) {
                    return in == null ? NONE : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            Path p = Path.of(dir, FILE);
            return Files.exists(p) ? parse(Files.readString(p)) : NONE;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FILE + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The canonical name an editor set for {@code name}, or {@code name} itself. */
    public String canonical(String name) {
        return canonicalOf.getOrDefault(name, name);
    }

    public int size() {
        return canonicalOf.size();
    }
}
