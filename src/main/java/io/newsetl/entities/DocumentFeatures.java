package io.newsetl.entities;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Document-level features of each token, handed to the model as OpenNLP "additional context": what the other
 * occurrences of the same word in the same document say about it (after Chieu and Ng, 2003). A headline
 * {@code JAPAN GET LUCKY WIN} is all capitals, but the body writes {@code Japan} mid-sentence and {@code get} in lower
 * case; a sentence-initial {@code Police} is a common noun if the body also says {@code police}.
 *
 * <ul>
 *   <li>{@code dl}: the word also occurs in lower case;</li>
 *   <li>{@code dc}: the word also occurs capitalised (not all capitals) after the first position of a sentence;</li>
 *   <li>{@code dp=w}: a word that precedes such a capitalised occurrence ({@code mr}, {@code in}, {@code at}...);</li>
 *   <li>{@code acr}: an all-capitals word spelled by the initials of a capitalised sequence of the document.</li>
 * </ul>
 *
 * <pre>{@code
 * List<String[][]> ctx = DocumentFeatures.compute(List.of(new String[] {"JAPAN", "WIN"},
 *         new String[] {"Japan", "won", "."}));  // ctx.get(0)[0] = {"dc", ...}
 * }</pre>
 */
public final class DocumentFeatures {

    private static final int MAX_PREVIOUS = 3;
    private static final Set<String> FILLERS = Set.of("of", "and", "for", "the", "de", "&");

    private DocumentFeatures() {
    }

    private static final class Evidence {
        int lower;
        int capitalisedMid;
        final Set<String> previous = new LinkedHashSet<>();
    }

    /** One feature array per token of each sentence. */
    public static List<String[][]> compute(List<String[]> sentences) {
        Map<String, Evidence> words = new HashMap<>();
        Set<String> acronyms = new java.util.HashSet<>();
        for (String[] s : sentences) {
            for (int i = 0; i < s.length; i++) {
                String t = s[i];
                if (!hasLetter(t)) {
                    continue;
                }
                Evidence e = words.computeIfAbsent(t.toLowerCase(Locale.ROOT), k -> new Evidence());
                if (Character.isLowerCase(t.charAt(0))) {
                    e.lower++;
                } else if (i > 0 && Character.isUpperCase(t.charAt(0)) && !isAllCaps(t)) {
                    e.capitalisedMid++;
                    if (e.previous.size() < MAX_PREVIOUS) {
                        e.previous.add(s[i - 1].toLowerCase(Locale.ROOT));
                    }
                }
            }
            collectAcronyms(s, acronyms);
        }
        List<String[][]> out = new ArrayList<>(sentences.size());
        for (String[] s : sentences) {
            String[][] ctx = new String[s.length][];
            for (int i = 0; i < s.length; i++) {
                String t = s[i];
                Evidence e = hasLetter(t) ? words.get(t.toLowerCase(Locale.ROOT)) : null;
                if (e == null) {
                    ctx[i] = new String[0];
                    continue;
                }
                List<String> f = new ArrayList<>(2 + e.previous.size());
                boolean lowerHere = Character.isLowerCase(t.charAt(0));
                boolean capHere = i > 0 && Character.isUpperCase(t.charAt(0)) && !isAllCaps(t);
                if (e.lower - (lowerHere ? 1 : 0) > 0) {
                    f.add("dl");
                }
                if (e.capitalisedMid - (capHere ? 1 : 0) > 0) {
                    f.add("dc");
                    for (String p : e.previous) {
                        f.add("dp=" + p);
                    }
                }
                if (isAllCaps(t) && acronyms.contains(t)) {
                    f.add("acr");
                }
                ctx[i] = f.toArray(String[]::new);
            }
            out.add(ctx);
        }
        return out;
    }

    /**
     * Initials of runs of capitalised words and of their tails: "The International Monetary Fund" gives TIMF, IMF,
     * MF; "Bank of Korea" gives BOK, OK and BK.
     */
    private static void collectAcronyms(String[] s, Set<String> acronyms) {
        int i = 0;
        while (i < s.length) {
            if (!isCapitalised(s[i])) {
                i++;
                continue;
            }
            StringBuilder all = new StringBuilder();
            StringBuilder content = new StringBuilder();
            int j = i;
            while (j < s.length && (isCapitalised(s[j]) || (FILLERS.contains(s[j]) && j + 1 < s.length
                    && isCapitalised(s[j + 1])))) {
                all.append(Character.toUpperCase(s[j].charAt(0)));
                if (!FILLERS.contains(s[j])) {
                    content.append(s[j].charAt(0));
                }
                j++;
            }
            // Every suffix of the run too: "The International Monetary Fund" also spells IMF.
            for (int k = 0; k < all.length() - 1; k++) {
                acronyms.add(all.substring(k));
            }
            if (content.length() >= 2) {
                acronyms.add(content.toString());
            }
            i = j;
        }
    }

    private static boolean isCapitalised(String t) {
        return Character.isUpperCase(t.charAt(0)) && !isAllCaps(t) && hasLetter(t);
    }

    private static boolean hasLetter(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isLetter(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isAllCaps(String t) {
        boolean letter = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            letter |= Character.isLetter(c);
        }
        return letter;
    }
}
