package io.newsetl.names;

import java.util.Map;
import java.util.Optional;

/**
 * The rule that links a bare surname to a full name across the articles of a night ("Blair" in an article that
 * names no Blair in full → "Tony Blair"), applied by {@code EntityStage.linkAcrossArticles}. The evidence: the
 * night's articles where the bare surname appears beside a full name with that surname. One full name must be in
 * at least {@link #MIN_SHARE} of those articles and in at least {@link #MIN_ARTICLES}; otherwise the surname stays
 * as written. Articles that name someone with that surname in full are resolved inside the article and never
 * relinked.
 *
 * <pre>{@code
 * NameLinks.link(Map.of("Tony Blair", 40L, "Cherie Blair", 3L), 42);   // Optional[Tony Blair] (40 of 42)
 * NameLinks.link(Map.of("Gordon Brown", 30L, "Nick Brown", 12L), 40);  // Optional.empty (30 of 40)
 * }</pre>
 */
public final class NameLinks {

    /** Share of the articles with the bare surname and any full name with it that the linked name must be in. */
    public static final double MIN_SHARE = 0.8;
    /** Articles the linked full name must be in, so that one article never decides for a whole night. */
    public static final long MIN_ARTICLES = 3;

    private NameLinks() {
    }

    /**
     * The full name a surname links to: {@code articlesByFullName} counts, per full name, the articles where it
     * appears beside the bare surname; {@code articles} is how many articles have the bare surname beside any full
     * name with it. Empty when no name qualifies.
     */
    public static Optional<String> link(Map<String, Long> articlesByFullName, long articles) {
        String best = null;
        long bestArticles = 0;
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(articlesByFullName).entrySet()) {
            if (e.getValue() > bestArticles) {
                best = e.getKey();
                bestArticles = e.getValue();
            }
        }
        return best != null && bestArticles >= MIN_ARTICLES && bestArticles >= MIN_SHARE * articles
                ? Optional.of(best) : Optional.empty();
    }
}
