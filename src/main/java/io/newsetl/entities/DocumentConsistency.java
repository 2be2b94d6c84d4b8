package io.newsetl.entities;

import com.carrotsearch.hppc.LongObjectHashMap;
import io.newsetl.entities.tagger.Hashing;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.util.Span;

/**
 * A second pass over one document's model output: a name the model found once is found again where the model missed
 * it in the same document ("Pompeo" tagged PER in one sentence is PER in the next), with the type most of its
 * mentions got. Surnames of multi-word persons count as mentions of that person. News repeats its names, and the
 * model decides each sentence alone, so this recovers mentions lost to an unhelpful context.
 *
 * <pre>{@code
 * List<List<Span>> fixed = DocumentConsistency.apply(tokensPerSentence, spansPerSentence);
 * }</pre>
 */
public final class DocumentConsistency {

    private static final int MAX_TOKENS = 6;
    /** The types that vote, in the order that breaks ties (the alphabetically first wins). */
    private static final String[] TYPES = {"LOC", "MISC", "ORG", "PER"};

    private DocumentConsistency() {
    }

    /**
     * The spans of each sentence with the mentions this pass adds. Names are compared case-insensitively through a
     * 64-bit hash of their lower-cased tokens (no String is built per candidate); a span of another type than the
     * four CoNLL types is kept but does not vote.
     */
    public static List<List<Span>> apply(List<String[]> sentences, List<List<Span>> spans) {
        // Name key -> votes per type (TYPES order).
        LongObjectHashMap<int[]> votes = new LongObjectHashMap<>();
        long[][] lower = new long[sentences.size()][];
        for (int i = 0; i < sentences.size(); i++) {
            String[] toks = sentences.get(i);
            lower[i] = lowerHashes(toks);
            for (Span s : spans.get(i)) {
                int type = typeIndex(s.getType());
                if (type < 0) {
                    continue;
                }
                if (s.length() <= MAX_TOKENS) {
                    vote(votes, key(lower[i], s.getStart(), s.getEnd()), type);
                }
                if (type == PER && s.length() > 1) {
                    vote(votes, key(lower[i], s.getEnd() - 1, s.getEnd()), PER);
                }
            }
        }
        if (votes.isEmpty()) {
            return spans;
        }
        List<List<Span>> out = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            String[] toks = sentences.get(i);
            boolean[] covered = new boolean[toks.length];
            for (Span s : spans.get(i)) {
                for (int k = s.getStart(); k < s.getEnd(); k++) {
                    covered[k] = true;
                }
            }
            List<Span> fixed = null;
            // In an all-capitals line (headline, standings) every word is capitalised: a capitalised neighbour says
            // nothing about where a name ends there.
            boolean caps = isCapsLine(toks);
            for (int start = 0; start < toks.length; start++) {
                if (covered[start] || !Character.isUpperCase(toks[start].charAt(0)) || (!caps && start > 1
                        && !covered[start - 1] && isCapitalisedWord(toks[start - 1]))) {
                    continue;
                }
                for (int end = Math.min(toks.length, start + MAX_TOKENS); end > start; end--) {
                    if (covered[end - 1]
                            || (!caps && end < toks.length && isCapitalisedWord(toks[end]) && !covered[end])) {
                        continue;
                    }
                    int[] v = votes.get(key(lower[i], start, end));
                    if (v != null) {
                        if (fixed == null) {
                            fixed = new ArrayList<>(spans.get(i));
                        }
                        fixed.add(new Span(start, end, TYPES[majority(v)]));
                        for (int k = start; k < end; k++) {
                            covered[k] = true;
                        }
                        start = end - 1;
                        break;
                    }
                }
            }
            if (fixed == null) {
                out.add(spans.get(i));
            } else {
                fixed.sort(null);
                out.add(fixed);
            }
        }
        return out;
    }

    private static final int PER = 3;

    private static int typeIndex(String type) {
        for (int t = 0; t < TYPES.length; t++) {
            if (TYPES[t].equals(type)) {
                return t;
            }
        }
        return -1;
    }

    private static boolean isCapsLine(String[] toks) {
        int words = 0;
        int caps = 0;
        for (String t : toks) {
            if (hasLetter(t)) {
                words++;
                if (isAllCaps(t)) {
                    caps++;
                }
            }
        }
        return words >= 2 && caps * 2 > words;
    }

    private static boolean hasLetter(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isLetter(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCapitalisedWord(String t) {
        return Character.isUpperCase(t.charAt(0)) && hasLetter(t);
    }

    private static void vote(LongObjectHashMap<int[]> votes, long key, int type) {
        int[] v = votes.get(key);
        if (v == null) {
            v = new int[TYPES.length];
            votes.put(key, v);
        }
        v[type]++;
    }

    /** The type most votes went to; a tie goes to the alphabetically first type. */
    private static int majority(int[] v) {
        int best = 0;
        for (int t = 1; t < v.length; t++) {
            if (v[t] > v[best]) {
                best = t;
            }
        }
        return best;
    }

    /** Per token, a 64-bit hash of its lower case (char by char: no lower-cased copy is made). */
    private static long[] lowerHashes(String[] toks) {
        long[] out = new long[toks.length];
        for (int k = 0; k < toks.length; k++) {
            String t = toks[k];
            long h = 0xcbf29ce484222325L;
            for (int c = 0; c < t.length(); c++) {
                h = (h ^ Character.toLowerCase(t.charAt(c))) * 0x100000001b3L;
            }
            out[k] = Hashing.mix(h, t.length());
        }
        return out;
    }

    /** Case-insensitive: the headline's BOWYER is the body's Bowyer. The key of tokens {@code [start, end)}. */
    private static long key(long[] lower, int start, int end) {
        long h = end - start;
        for (int k = start; k < end; k++) {
            h = Hashing.mix(h, lower[k]);
        }
        return h;
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
