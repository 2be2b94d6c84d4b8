package io.newsetl.names;

import java.util.Map;
import java.util.Optional;

/**
 * The rule that links a bare surname to a full name across the articles of a night ("Blair" in an article that
 * names no Blair in full → "Tony Blair"), applied by {@code EntityStage.linkAcrossArticles}. Among the articles of
 * the night that name a person in full with that surname, the most frequent full name must appear in at least
 * {@link #MIN_SHARE} of them and in at least {@link #MIN_ARTICLES}; otherwise the surname stays as written.
 * Articles that name someone with that surname in full are resolved inside the article and never relinked.
 *
 * <pre>{@code
 * NameLinks.link(Map.of("Tony Blair", 40L, "Cherie Blair", 3L));   // Optional[Tony Blair] (93%)
 * NameLinks.link(Map.of("Gordon Brown", 30L, "Nick Brown", 12L));  // Optional.empty (71%)
 * }</pre>
 */
public final class NameLinks {

    /** Share of the articles naming any full name with the surname that the linked name must have. */
    public static final double MIN_SHARE = 0.8;
    /** Articles the linked full name must appear in, so that one article never decides for a whole night. */
    public static final long MIN_ARTICLES = 3;

    private NameLinks() {
    }

    /** The full name a surname links to, given the articles of each full name ending with it; empty if none. */
    public static Optional<String> link(Map<String, Long> articlesByFullName) {
        long total = 0;
        String best = null;
        long bestArticles = 0;
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(articlesByFullName).entrySet()) {
            total += e.getValue();
            if (e.getValue() > bestArticles) {
                best = e.getKey();
                bestArticles = e.getValue();
            }
        }
        return best != null && bestArticles >= MIN_ARTICLES && bestArticles >= MIN_SHARE * total
                ? Optional.of(best) : Optional.empty();
    }
}
