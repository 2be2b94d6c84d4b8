package io.newsetl.entities;

import java.util.Set;

/**
 * Titles and forms of address that precede a person's name ("Mr Blair", "Dr. Kim", "President Moon"). CoNLL-2003
 * leaves them out of the name, and so does the tagger: a person span that starts with one loses it (as many as
 * lead: "Prime Minister Tony Blair" becomes "Tony Blair"). British news writes them without a full stop ("Mr"),
 * which the Reuters training text seldom shows, so the model alone would often keep them.
 *
 * <pre>{@code
 * Titles.isTitle("Mr");    // true
 * Titles.isTitle("Mr.");   // true
 * Titles.isTitle("Tony");  // false
 * }</pre>
 */
public final class Titles {

    /** Single-word titles, without a final full stop. */
    static final Set<String> WORDS = Set.of("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame",
            "Lord", "Lady", "Baroness", "Baron", "Rev", "Reverend", "Fr", "Father", "Sister", "Pope", "Cardinal",
            "Archbishop", "Bishop", "Rabbi", "Imam", "Sheikh", "King", "Queen", "Prince", "Princess", "Duke",
            "Duchess", "Earl", "Count", "Countess", "President", "Premier", "Chancellor", "Minister", "Secretary",
            "Senator", "Sen", "Rep", "Representative", "Congressman", "Congresswoman", "Governor", "Gov", "Mayor",
            "Judge", "Justice", "Ambassador", "Commissioner", "Chairman", "Chairwoman", "General", "Gen", "Colonel",
            "Col", "Major", "Maj", "Captain", "Capt", "Lieutenant", "Lt", "Sergeant", "Sgt", "Admiral", "Adm",
            "Commander", "Cmdr", "Marshal", "Inspector", "Detective", "Constable", "Cllr", "Councillor", "Coach",
            "Prime", "Foreign", "Home", "Defence", "Defense", "Deputy", "Vice", "Chief", "Shadow", "Former", "Mme",
            "Mlle", "Herr", "Frau", "Sr", "Sra", "Srta", "Signor", "Dott");

    private Titles() {
    }

    public static boolean isTitle(String token) {
        String t = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
        return WORDS.contains(t);
    }

    /**
     * The title written just before {@code start} in {@code text} ("Mr", "Dr.", "Prime Minister": up to two words,
     * each a title), or null.
     */
    public static String before(String text, int start) {
        int end = start;
        String title = null;
        for (int words = 0; words < 2; words++) {
            int e = end;
            while (e > 0 && text.charAt(e - 1) == ' ') {
                e--;
            }
            int b = e;
            while (b > 0 && (Character.isLetter(text.charAt(b - 1)) || text.charAt(b - 1) == '.')) {
                b--;
            }
            if (b == e || e == end || !isTitle(text.substring(b, e))) {
                break;
            }
            title = text.substring(b, start).strip();
            end = b;
        }
        return title;
    }
}
