package io.newsetl.entities;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private DocumentConsistency() {
    }

    public static List<List<Span>> apply(List<String[]> sentences, List<List<Span>> spans) {
        Map<String, Map<String, Integer>> votes = new HashMap<>();
        for (int i = 0; i < sentences.size(); i++) {
            String[] toks = sentences.get(i);
            for (Span s : spans.get(i)) {
                if (s.length() <= MAX_TOKENS) {
                    vote(votes, key(toks, s.getStart(), s.getEnd()), s.getType());
                }
                if ("PER".equals(s.getType()) && s.length() > 1) {
                    vote(votes, toks[s.getEnd() - 1].toLowerCase(java.util.Locale.ROOT), "PER");
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
            List<Span> fixed = new ArrayList<>(spans.get(i));
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
                    Map<String, Integer> v = votes.get(key(toks, start, end));
                    if (v != null) {
                        fixed.add(new Span(start, end, majority(v)));
                        for (int k = start; k < end; k++) {
                            covered[k] = true;
                        }
                        start = end - 1;
                        break;
                    }
                }
            }
            fixed.sort(null);
            out.add(fixed);
        }
        return out;
    }

    private static boolean isCapsLine(String[] toks) {
        int words = 0;
        int caps = 0;
        for (String t : toks) {
            if (t.chars().anyMatch(Character::isLetter)) {
                words++;
                if (isAllCaps(t)) {
                    caps++;
                }
            }
        }
        return words >= 2 && caps * 2 > words;
    }

    private static boolean isCapitalisedWord(String t) {
        return Character.isUpperCase(t.charAt(0)) && t.chars().anyMatch(Character::isLetter);
    }

    private static void vote(Map<String, Map<String, Integer>> votes, String key, String type) {
        votes.computeIfAbsent(key, k -> new HashMap<>()).merge(type, 1, Integer::sum);
    }

    private static String majority(Map<String, Integer> v) {
        return v.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow().getKey();
    }

    /** Case-insensitive: the headline's BOWYER is the body's Bowyer. */
    private static String key(String[] toks, int start, int end) {
        return String.join(" ", java.util.Arrays.asList(toks).subList(start, end)).toLowerCase(java.util.Locale.ROOT);
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
