package io.newsetl.entities.tagger;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;
import java.util.List;
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
        int previousCount;
        final long[] previous = new long[MAX_PREVIOUS];

        boolean hasPrevious(long key) {
            for (int k = 0; k < previousCount; k++) {
                if (previous[k] == key) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Per word (the hash of its lower case), what the document says about it. */
    private final LongObjectHashMap<Evidence> words = new LongObjectHashMap<>();
    /** Hashes ({@link Hashing#chars}) of the acronyms the document's capitalised runs spell. */
    private final LongHashSet acronyms = new LongHashSet();
    private char[] initials = new char[16];
    private char[] contentInitials = new char[16];

    /** Evidence of one document; {@link #reset} reuses the object for the next. */
    DocumentEvidence(List<WordType[]> sentences) {
        reset(sentences);
    }

    /** Forgets the last document and collects the evidence of this one. */
    DocumentEvidence reset(List<WordType[]> sentences) {
        words.clear();
        acronyms.clear();
        for (WordType[] s : sentences) {
            for (int i = 0; i < s.length; i++) {
                WordType t = s[i];
                if (!t.hasLetter) {
                    continue;
                }
                Evidence e = words.get(t.lowerKey);
                if (e == null) {
                    e = new Evidence();
                    words.put(t.lowerKey, e);
                }
                if (t.lowerInitial) {
                    e.lower++;
                } else if (i > 0 && t.capitalised) {
                    e.capitalisedMid++;
                    long prev = s[i - 1].lowerKey;
                    if (e.previousCount < MAX_PREVIOUS && !e.hasPrevious(prev)) {
                        e.previous[e.previousCount++] = prev;
                    }
                }
            }
            collectAcronyms(s);
        }
        return this;
    }

    /** Adds the evidence features of token {@code i} of {@code s} to {@code out}; returns the new count. */
    int features(WordType[] s, int i, long[] out, int n, int max) {
        WordType t = s[i];
        Evidence e = t.hasLetter ? words.get(t.lowerKey) : null;
        if (e == null) {
            return n;
        }
        if (e.lower - (t.lowerInitial ? 1 : 0) > 0 && n < max) {
            out[n++] = LOWER_ELSEWHERE;
        }
        if (e.capitalisedMid - (i > 0 && t.capitalised ? 1 : 0) > 0 && n < max) {
            out[n++] = CAPITALISED_ELSEWHERE;
            for (int k = 0; k < e.previousCount && n < max; k++) {
                out[n++] = Hashing.mix(PRECEDED_BY, e.previous[k]);
            }
        }
        if (t.allCaps && n < max && acronyms.contains(t.exact)) {
            out[n++] = ACRONYM;
        }
        return n;
    }

    /**
     * Initials of runs of capitalised words and of their tails: "The International Monetary Fund" gives TIMF, IMF,
     * MF; "Bank of Korea" gives BOK, OK and BK. Kept as hashes of their characters, built in reused buffers.
     */
    private void collectAcronyms(WordType[] s) {
        int i = 0;
        while (i < s.length) {
            if (!s[i].capitalised) {
                i++;
                continue;
            }
            int all = 0;
            int content = 0;
            int j = i;
            while (j < s.length && (s[j].capitalised || (FILLERS.contains(s[j].text) && j + 1 < s.length
                    && s[j + 1].capitalised))) {
                if (all == initials.length) {
                    initials = java.util.Arrays.copyOf(initials, all * 2);
                    contentInitials = java.util.Arrays.copyOf(contentInitials, all * 2);
                }
                initials[all++] = Character.toUpperCase(s[j].text.charAt(0));
                if (!FILLERS.contains(s[j].text)) {
                    contentInitials[content++] = s[j].text.charAt(0);
                }
                j++;
            }
            for (int k = 0; k < all - 1; k++) {
                acronyms.add(Hashing.chars(initials, k, all - k));
            }
            if (content >= 2) {
                acronyms.add(Hashing.chars(contentInitials, 0, content));
            }
            i = j;
        }
    }
}
