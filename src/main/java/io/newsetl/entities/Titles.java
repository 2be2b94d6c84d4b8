package io.newsetl.entities;

import java.util.Set;

/**
 * Titles and forms of address that precede a person's name ("Mr Blair", "Dr. Kim", "Prime Minister Tony Blair",
 * "Attorney General Lord Goldsmith"). CoNLL-2003 leaves them out of the name, and so does the tagger: a person span
 * loses its leading title, and a span that is nothing but a title is no name. British news writes them without a
 * full stop ("Mr"), which the Reuters training text seldom shows, so the model alone would often keep them.
 *
 * <p>A title is a run of words that ends in a {@link #CORE} title ("Mr", "Minister", "Secretary", "General",
 * "Lord") and may start with {@link #MODIFIERS} ("Prime", "Foreign", "Health", "Attorney"): a modifier alone
 * ("Home", "Scottish") is never taken for a title.
 *
 * <pre>{@code
 * Titles.isTitle("Mr.");                                                      // true
 * Titles.leading(new String[] {"Prime", "Minister", "Tony", "Blair"}, 0, 4);  // 2
 * Titles.before("said Foreign Secretary Jack Straw", 23);                     // "Foreign Secretary"
 * }</pre>
 */
public final class Titles {

    /** Titles that stand right before a name, without a final full stop. */
    static final Set<String> CORE = Set.of("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame",
            "Lord", "Lady", "Baroness", "Baron", "Rev", "Reverend", "Fr", "Father", "Sister", "Pope", "Cardinal",
            "Archbishop", "Bishop", "Rabbi", "Imam", "Sheikh", "King", "Queen", "Prince", "Princess", "Duke",
            "Duchess", "Earl", "Countess", "President", "Premier", "Chancellor", "Minister", "Secretary",
            "Senator", "Sen", "Rep", "Representative", "Congressman", "Congresswoman", "Governor", "Gov", "Mayor",
            "Judge", "Justice", "Ambassador", "Commissioner", "Chairman", "Chairwoman", "General", "Gen", "Colonel",
            "Col", "Major", "Maj", "Captain", "Capt", "Lieutenant", "Lt", "Sergeant", "Sgt", "Admiral", "Adm",
            "Commander", "Cmdr", "Marshal", "Inspector", "Detective", "Constable", "Cllr", "Councillor", "Coach",
            "Mme", "Mlle", "Herr", "Frau", "Sr", "Sra", "Srta", "Signor", "Dott", "Manager", "Boss", "Skipper",
            "State");
    /** Words that open a longer title ("Prime Minister", "Foreign Secretary", "Attorney General"). */
    static final Set<String> MODIFIERS = Set.of("Prime", "Foreign", "Home", "Defence", "Defense", "Health",
            "Education", "Culture", "Trade", "Transport", "Environment", "Work", "Pensions", "Northern", "Scottish",
            "Welsh", "International", "Development", "Treasury", "Business", "Energy", "Interior", "Finance",
            "Attorney", "Solicitor", "Deputy", "Vice", "Chief", "Shadow", "Former", "First", "Lord", "Lib", "Dem",
            "Tory", "Labour", "Conservative", "Democratic", "Republican", "Secretary", "of", "Sports",
            "Economy", "Justice", "Security", "Agriculture", "Industry", "Science");

    private Titles() {
    }

    private static String bare(String token) {
        return token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
    }

    /** Whether a token is a core title ("Mr", "Mr.", "Minister"). */
    public static boolean isTitle(String token) {
        return CORE.contains(bare(token));
    }

    /** How many tokens at the start of {@code words[from, to)} are a title (0 when none): "Prime Minister Tony" 2. */
    public static int leading(String[] words, int from, int to) {
        int title = 0;
        for (int i = from; i < to; i++) {
            String w = bare(words[i]);
            if (CORE.contains(w)) {
                title = i - from + 1;
            } else if (!MODIFIERS.contains(w)) {
                break;
            }
        }
        return title;
    }

    /**
     * The title written just before {@code start} in {@code text} ("Mr", "Dr.", "Prime Minister", "Attorney General
     * Lord"), or null: the word before the name must be a core title; modifiers before it join.
     */
    public static String before(String text, int start) {
        int end = start;
        int titleStart = -1;
        for (int words = 0; words < 4; words++) {
            int e = end;
            while (e > 0 && text.charAt(e - 1) == ' ') {
                e--;
            }
            int b = e;
            while (b > 0 && (Character.isLetter(text.charAt(b - 1)) || text.charAt(b - 1) == '.')) {
                b--;
            }
            if (b == e || e == end) {
                break;
            }
            String w = bare(text.substring(b, e));
            boolean core = CORE.contains(w);
            if (words == 0 ? !core : !core && !MODIFIERS.contains(w)) {
                break;
            }
            if (core || titleStart >= 0) {
                titleStart = b;
            }
            end = b;
        }
        if (titleStart < 0) {
            return null;
        }
        return text.substring(titleStart, start).strip();
    }
}
