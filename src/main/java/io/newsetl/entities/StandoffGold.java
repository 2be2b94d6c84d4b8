package io.newsetl.entities;

import io.newsetl.model.InputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.util.Span;

/**
 * A gold set of stand-off entity annotations over a corpus folder: for each mention, the file's path relative to
 * the corpus root, the file's SHA-256, the UTF-16 offsets of the mention in the file decoded as UTF-8 (end
 * exclusive) and its type. The text stays in the corpus (licensed data is never copied into the repository); a file
 * whose bytes no longer match its hash is reported and left out, never scored against shifted offsets.
 *
 * <pre>{@code
 * StandoffGold gold = StandoffGold.load(Path.of("src/test/resources/io/newsetl/entities/bbc-ner-dev.tsv"),
 *         Path.of("../shared/data/bbc"));
 * NerEvaluator.Result r = gold.evaluate(text -> tagger.modelSpans(text));
 * r.score().overall().f1();
 * }</pre>
 */
public record StandoffGold(List<Doc> docs, List<String> problems) {

    /** One annotated file: its text and its gold mentions (character spans with their types). */
    public record Doc(String path, String text, List<Span> gold) {
    }

    public static StandoffGold load(Path tsv, Path corpusRoot) {
        if (!Files.isReadable(tsv)) {
            throw new InputException("Cannot read gold annotations: " + tsv + " does not exist or is not readable.");
        }
        if (!Files.isDirectory(corpusRoot)) {
            throw new InputException("Cannot read the corpus of " + tsv + ": " + corpusRoot + " is not a folder.");
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        Map<String, List<Span>> spans = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("path\t")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 5) {
                    throw new InputException("Bad gold line in " + tsv + ": '" + line
                            + "' (want path, sha256, start, end, type separated by tabs).");
                }
                hashes.put(f[0], f[1]);
                spans.computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(new Span(Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4]));
            }
        } catch (IOException e) {
            throw new InputException("Cannot read gold annotations: " + tsv + ": " + e.getMessage());
        }
        List<Doc> docs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<Span>> e : spans.entrySet()) {
            Path file = corpusRoot.resolve(e.getKey());
            try {
                byte[] bytes = Files.readAllBytes(file);
                if (!sha256(bytes).equals(hashes.get(e.getKey()))) {
                    problems.add(e.getKey() + ": its SHA-256 differs from the annotated file's; left out");
                    continue;
                }
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                docs.add(new Doc(e.getKey(), text, List.copyOf(e.getValue())));
            } catch (IOException ex) {
                problems.add(e.getKey() + ": " + (ex instanceof CharacterCodingException ? "not UTF-8"
                        : "cannot be read (" + ex.getMessage() + ")") + "; left out");
            }
        }
        return new StandoffGold(List.copyOf(docs), List.copyOf(problems));
    }

    /** Scores {@code tagger} on every document (exact span and type); tokens are counted by {@link NerTokenizer}. */
    public NerEvaluator.Result evaluate(NerEvaluator.SpanTagger tagger) {
        NerScore score = new NerScore();
        NerTokenizer tokenizer = new NerTokenizer();
        long tokens = 0;
        long nanos = 0;
        for (Doc d : docs) {
            long t0 = System.nanoTime();
            List<Span> predicted = tagger.spans(d.text());
            nanos += System.nanoTime() - t0;
            tokens += tokenizer.sentences(d.text(), 0).stream().mapToLong(List::size).sum();
            score.add(d.gold(), predicted);
        }
        return new NerEvaluator.Result(score, tokens, nanos / 1e9);
    }

    /**
     * The documents as training documents, tokenised as the job tokenises ({@link NerTokenizer}): each token inside a
     * gold mention is tagged {@code B-TYPE} (its first token) or {@code I-TYPE}, every other token {@code O}. A
     * mention whose edge falls inside a token ("US" of "US-based") cannot be expressed over tokens; its tokens stay
     * {@code O} and it is counted in {@link Training#unaligned()}.
     */
    public Training training() {
        NerTokenizer tokenizer = new NerTokenizer();
        List<ConllCorpus.Document> out = new ArrayList<>(docs.size());
        int unaligned = 0;
        int mentions = 0;
        for (Doc d : docs) {
            List<List<NerTokenizer.Token>> sentences = tokenizer.sentences(d.text(), 0);
            List<ConllCorpus.Sentence> tagged = new ArrayList<>(sentences.size());
            java.util.Set<Span> placed = new java.util.HashSet<>();
            for (List<NerTokenizer.Token> s : sentences) {
                List<String> tokens = new ArrayList<>(s.size());
                List<String> tags = new ArrayList<>(s.size());
                for (NerTokenizer.Token t : s) {
                    tokens.add(t.text());
                    tags.add("O");
                }
                for (Span g : d.gold()) {
                    int first = -1;
                    int last = -1;
                    for (int i = 0; i < s.size(); i++) {
                        if (s.get(i).start() == g.getStart()) {
                            first = i;
                        }
                        if (s.get(i).end() == g.getEnd()) {
                            last = i;
                        }
                    }
                    if (first >= 0 && last >= first) {
                        for (int i = first; i <= last; i++) {
                            tags.set(i, (i == first ? "B-" : "I-") + g.getType());
                        }
                        placed.add(g);
                    }
                }
                tagged.add(new ConllCorpus.Sentence(List.copyOf(tokens), List.copyOf(tags)));
            }
            mentions += d.gold().size();
            unaligned += d.gold().size() - placed.size();
            out.add(new ConllCorpus.Document(List.copyOf(tagged)));
        }
        return new Training(List.copyOf(out), mentions, unaligned);
    }

    /** Training documents made from a gold set, with how many of its mentions could not be placed on tokens. */
    public record Training(List<ConllCorpus.Document> documents, int mentions, int unaligned) {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
