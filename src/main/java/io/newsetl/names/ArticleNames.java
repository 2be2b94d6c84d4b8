package io.newsetl.names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the names of one article, so that analysts count people, not spellings: every mention gets the article's
 * one type for its name and the fullest form of that name in the article as its canonical name. Plain Java, one call
 * per article. The rules, in this order:
 * <ol>
 *   <li><b>Name</b>: a mention's name is the gazetteer's canonical name when it is listed, else its text with runs
 *       of white space made one space.</li>
 *   <li><b>One type per name</b>: the mentions of a name vote; a listed (gazetteer) mention's type wins; else the
 *       most frequent type, then the higher summed score, then PER, ORG, LOC, MISC in that order.</li>
 *   <li><b>Short forms of people</b>: a person's name whose words are the last words of a longer person's name of
 *       the same article ("Blair" of "Tony Blair", "Gordon Brown" of "James Gordon Brown") takes that name, when
 *       the longer names it could stand for have one fullest form. Two different full names ("Gordon Brown",
 *       "Nick Brown") leave "Brown" as it is: two different full names are never joined. A name of another type
 *       keeps its own ("Disney" the company beside "Roy Disney"). A longer unlisted name that ends with a
 *       person's name of the article is that person's full name, whatever type the model gave it ("JP McManus"
 *       tagged ORG beside "McManus" tagged PER). A mention that stands alone (a family, "an O'Sullivan": see
 *       {@link Mention}) keeps its own name.</li>
 *   <li><b>Editors' aliases</b> ({@link Aliases}) replace a canonical name last, whatever the rules said.</li>
 * </ol>
 *
 * <pre>{@code
 * List<ArticleNames.Resolved> r = ArticleNames.resolve(List.of(
 *         new ArticleNames.Mention("Tony Blair", "PER", null, 0.9),
 *         new ArticleNames.Mention("Blair", "ORG", null, 0.4),
 *         new ArticleNames.Mention("Blair", "PER", null, 0.8)), Aliases.none());
 * // [Resolved[type=PER, canonical=Tony Blair], Resolved[type=PER, canonical=Tony Blair], ... ]
 * }</pre>
 */
public final class ArticleNames {

    private static final List<String> TYPE_ORDER = List.of("PER", "ORG", "LOC", "MISC");

    /**
     * A mention as tagged: its text, type, the gazetteer's canonical name (null when not listed), its score, and
     * whether it {@code standsAlone}: it names a family or another bearer of the name ("the Agnelli family", "an
     * O'Sullivan"), so it keeps its own name instead of taking a full name of the article.
     */
    public record Mention(String text, String type, String listedCanonical, Double score, boolean standsAlone) {
        public Mention(String text, String type, String listedCanonical, Double score) {
            this(text, type, listedCanonical, score, false);
        }
    }

    /** The resolved type and canonical name of one mention. */
    public record Resolved(String type, String canonical) {
    }

    private ArticleNames() {
    }

    private static final class Name {
        final String name;
        final String[] words;
        final Map<String, double[]> votes = new LinkedHashMap<>(); // type -> {count, summed score}
        String listedType;
        String type;
        String canonical;

        Name(String name) {
            this.name = name;
            this.words = name.split(" ");
        }
    }

    /** The resolved type and canonical name of each mention, in the order given. */
    public static List<Resolved> resolve(List<Mention> mentions, Aliases aliases) {
        Map<String, Name> names = new LinkedHashMap<>();
        List<Name> ofMention = new ArrayList<>(mentions.size());
        for (Mention m : mentions) {
            String key = m.listedCanonical() != null ? m.listedCanonical() : m.text().strip().replaceAll("\\s+", " ");
            Name n = names.computeIfAbsent(key, Name::new);
            if (m.listedCanonical() != null && n.listedType == null) {
                n.listedType = m.type();
            }
            double[] v = n.votes.computeIfAbsent(m.type(), t -> new double[2]);
            v[0]++;
            v[1] += m.score() == null ? 0 : m.score();
            ofMention.add(n);
        }
        for (Name n : names.values()) {
            n.type = n.listedType != null ? n.listedType : vote(n.votes);
            n.canonical = n.name;
        }
        resolveShortForms(names.values());
        List<Resolved> out = new ArrayList<>(mentions.size());
        for (int i = 0; i < ofMention.size(); i++) {
            Name n = ofMention.get(i);
            out.add(new Resolved(n.type, aliases.canonical(mentions.get(i).standsAlone() ? n.name : n.canonical)));
        }
        return out;
    }

    private static String vote(Map<String, double[]> votes) {
        String best = null;
        double[] bv = null;
        for (Map.Entry<String, double[]> e : votes.entrySet()) {
            double[] v = e.getValue();
            if (best == null || v[0] > bv[0] || (v[0] == bv[0] && (v[1] > bv[1] || (v[1] == bv[1]
                    && rank(e.getKey()) < rank(best))))) {
                best = e.getKey();
                bv = v;
            }
        }
        return best;
    }

    private static int rank(String type) {
        int i = TYPE_ORDER.indexOf(type);
        return i < 0 ? TYPE_ORDER.size() : i;
    }

    private static void resolveShortForms(java.util.Collection<Name> names) {
        // A longer name the model typed otherwise, that ends with a person's name of the article ("JP McManus" as
        // ORG beside "McManus" as PER), is that person's full name.
        for (Name n : names) {
            if (n.listedType == null && n.words.length >= 2 && !n.type.equals("PER") && names.stream().anyMatch(
                    m -> m.type.equals("PER") && m.words.length < n.words.length && endsWith(n.words, m.words))) {
                n.type = "PER";
            }
        }
        List<Name> people = names.stream().filter(n -> n.type.equals("PER") && n.words.length >= 2).toList();
        Map<Name, Name> target = new HashMap<>();
        for (Name n : names) {
            if (!n.type.equals("PER")) {
                continue; // "Disney" the company beside "Roy Disney" stays the company
            }
            List<Name> longer = people.stream().filter(p -> p.words.length > n.words.length && endsWith(p.words,
                    n.words)).toList();
            // The fullest forms: candidates that are not themselves the end of another candidate.
            List<Name> fullest = longer.stream().filter(p -> longer.stream().noneMatch(q -> q != p
                    && q.words.length > p.words.length && endsWith(q.words, p.words))).toList();
            if (fullest.size() == 1) {
                target.put(n, fullest.get(0));
            }
        }
        target.forEach((n, full) -> n.canonical = full.name);
    }

    private static boolean endsWith(String[] longer, String[] shorter) {
        for (int i = 1; i <= shorter.length; i++) {
            if (!longer[longer.length - i].equals(shorter[shorter.length - i])) {
                return false;
            }
        }
        return true;
    }
}
