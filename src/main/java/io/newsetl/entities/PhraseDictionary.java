package io.newsetl.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.newsetl.entities.tagger.Labels;
import io.newsetl.entities.tagger.PhraseSet;
import opennlp.tools.util.Span;

/**
 * Names seen with a type in labelled text, and the type most of their mentions had: {@code "Bayer Leverkusen" → ORG}.
 * The tagger reads it as phrase features (the type and the token's place in the longest listed phrase), which
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

    public void write(OutputStream out) throws IOException {
        KeyValueFile.write(types, out);
    }

    public int size() {
        return types.size();
    }

    /** The dictionary as a {@link PhraseSet} with one category per entity type, for the tagger's phrase features. */
    public PhraseSet toPhraseSet() {
        PhraseSet.Builder b = PhraseSet.builder(Labels.TYPES);
        types.forEach((phrase, type) -> b.add(phrase.split(" "), Labels.TYPES.indexOf(type)));
        return b.build();
    }
}
