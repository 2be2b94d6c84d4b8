package io.newsetl.entities.tagger;

import com.carrotsearch.hppc.LongArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the other occurrences of a word in the same document say about it (after Chieu and Ng 2003; Ratinov and Roth
 * 2009 found such non-local evidence worth about 1 F1). A headline {@code JAPAN GET LUCKY WIN} is all capitals, but
 * the body writes {@code Japan} mid-sentence and {@code get} in lower case; a sentence-initial {@code Police} is a
 * common noun if the body also says {@code police}. Per token it gives:
 * <ul>
 *   <li>the word also occurs in lower case elsewhere;</li>
 *   <li>it also occurs capitalised (not all capitals) after the first position of a sentence, and the words that
 *       precede such occurrences (up to three: {@code mr}, {@code in}, {@code at}...);</li>
 *   <li>an all-capitals word is spelled by the initials of a capitalised run of the document ("IMF").</li>
 * </ul>
 */
final class DocumentEvidence {

    static final long LOWER_ELSEWHERE = 40, CAPITALISED_ELSEWHERE = 41, PRECEDED_BY = 42, ACRONYM = 43;
    private static final int MAX_PREVIOUS = 3;
    private static final Set<String> FILLERS = Set.of("of", "and", "for", "the", "de", "&");

    private static final class Evidence {
        int lower;
        int capitalisedMid;
        final LongArrayList previous = new LongArrayList(MAX_PREVIOUS);
    }

    private final Map<String, Evidence> words = new HashMap<>();
    private final Set<String> acronyms = new HashSet<>();

    DocumentEvidence(List<WordType[]> sentences) {
        for (WordType[] s : sentences) {
            for (int i = 0; i < s.length; i++) {
                WordType t = s[i];
                if (!t.hasLetter) {
                    continue;
                }
                Evidence e = words.computeIfAbsent(t.lower, k -> new Evidence());
                if (t.lowerInitial) {
                    e.lower++;
                } else if (i > 0 && t.capitalised) {
                    e.capitalisedMid++;
                    long prev = s[i - 1].lowerKey;
                    if (e.previous.size() < MAX_PREVIOUS && !e.previous.contains(prev)) {
                        e.previous.add(prev);
                    }
                }
            }
            collectAcronyms(s);
        }
    }

    /** Adds the evidence features of token {@code i} of {@code s} to {@code out}; returns the new count. */
    int features(WordType[] s, int i, long[] out, int n, int max) {
        WordType t = s[i];
        Evidence e = t.hasLetter ? words.get(t.lower) : null;
        if (e == null) {
            return n;
        }
        if (e.lower - (t.lowerInitial ? 1 : 0) > 0 && n < max) {
            out[n++] = LOWER_ELSEWHERE;
        }
        if (e.capitalisedMid - (i > 0 && t.capitalised ? 1 : 0) > 0 && n < max) {
            out[n++] = CAPITALISED_ELSEWHERE;
            for (int k = 0; k < e.previous.size() && n < max; k++) {
                out[n++] = Hashing.mix(PRECEDED_BY, e.previous.get(k));
            }
        }
        if (t.allCaps && n < max && acronyms.contains(t.text)) {
            out[n++] = ACRONYM;
        }
        return n;
    }

    /**
     * Initials of runs of capitalised words and of their tails: "The International Monetary Fund" gives TIMF, IMF,
     * MF; "Bank of Korea" gives BOK, OK and BK.
     */
    private void collectAcronyms(WordType[] s) {
        int i = 0;
        while (i < s.length) {
            if (!s[i].capitalised) {
                i++;
                continue;
            }
            StringBuilder all = new StringBuilder();
            StringBuilder content = new StringBuilder();
            int j = i;
            while (j < s.length && (s[j].capitalised || (FILLERS.contains(s[j].text) && j + 1 < s.length
                    && s[j + 1].capitalised))) {
                all.append(Character.toUpperCase(s[j].text.charAt(0)));
                if (!FILLERS.contains(s[j].text)) {
                    content.append(s[j].text.charAt(0));
                }
                j++;
            }
            for (int k = 0; k < all.length() - 1; k++) {
                acronyms.add(all.substring(k));
            }
            if (content.length() >= 2) {
                acronyms.add(content.toString());
            }
            i = j;
        }
    }
}
