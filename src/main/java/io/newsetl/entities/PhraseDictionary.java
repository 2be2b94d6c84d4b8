package io.newsetl.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import opennlp.tools.util.Span;

/**
 * Names seen with a type in labelled text, and the type most of their mentions had: {@code "Bayer Leverkusen" → ORG}.
 * The model reads it as features ({@code dict=ORG} on each token of a listed phrase, longest phrase first), which
 * carries what the training set knew about a multi-word name into contexts it never showed. While training, each
 * part of the training set sees only the dictionary of the other parts (jackknifing), so the model learns how far
 * the dictionary can be trusted on names it has not seen.
 *
 * <p>Stored beside the model as lines {@code phrase<TAB>type}.
 */
public final class PhraseDictionary {

    private static final int MAX_TOKENS = 6;

    private final Map<String, String> types;

    private PhraseDictionary(Map<String, String> types) {
        this.types = types;
    }

    public static PhraseDictionary of(List<ConllCorpus.Document> docs) {
        Map<String, Map<String, Integer>> votes = new HashMap<>();
        for (ConllCorpus.Document d : docs) {
            for (ConllCorpus.Sentence s : d.sentences()) {
                for (Span span : s.spans()) {
                    if (span.length() <= MAX_TOKENS) {
                        votes.computeIfAbsent(String.join(" ", s.tokens().subList(span.getStart(), span.getEnd())),
                                k -> new TreeMap<>()).merge(span.getType(), 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, String> types = new HashMap<>();
        votes.forEach((phrase, v) -> types.put(phrase, v.entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
        return new PhraseDictionary(types);
    }

    public static PhraseDictionary read(InputStream in) {
        return new PhraseDictionary(KeyValueFile.read(in));
    }

    private static String titleCase(String t) {
        return t.length() < 2 ? t : t.charAt(0) + t.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    public void write(OutputStream out) throws IOException {
        KeyValueFile.write(types, out);
    }

    public int size() {
        return types.size();
    }

    /**
     * Adds {@code dict=TYPE} to the features of each token inside the longest listed phrase starting at it. In an
     * all-capitals sentence (a headline: {@code JAPAN GET LUCKY WIN}) words are looked up in title case.
     */
    public String[][] features(String[] tokens, String[][] base) {
        String[][] out = base.clone();
        boolean caseless = java.util.Arrays.stream(tokens).filter(t -> t.chars().anyMatch(Character::isLetter))
                .allMatch(DocumentFeatures::isAllCaps);
        int i = 0;
        while (i < tokens.length) {
            int matched = 0;
            String type = null;
            StringBuilder key = new StringBuilder();
            for (int end = i + 1; end <= Math.min(tokens.length, i + MAX_TOKENS); end++) {
                if (end > i + 1) {
                    key.append(' ');
                }
                key.append(caseless ? titleCase(tokens[end - 1]) : tokens[end - 1]);
                String t = types.get(key.toString());
                if (t != null) {
                    matched = end - i;
                    type = t;
                }
            }
            if (matched == 0) {
                i++;
                continue;
            }
            for (int k = i; k < i + matched; k++) {
                String[] f = java.util.Arrays.copyOf(out[k], out[k].length + 1);
                f[f.length - 1] = "dict=" + type;
                out[k] = f;
            }
            i += matched;
        }
        return out;
    }
}
