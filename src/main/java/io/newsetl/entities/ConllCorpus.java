package io.newsetl.entities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.util.Span;

/**
 * Reads a CoNLL-format NER file: one token per line with the token first and the NER tag last, a blank line between
 * sentences, {@code -DOCSTART-} lines between documents. Tags may be IOB1 (CoNLL-2003: {@code B-} only between two
 * adjacent entities of one type) or IOB2 ({@code B-} at every entity start); both give the same spans.
 *
 * <pre>
 * EU NNP I-NP I-ORG
 * rejects VBZ I-VP O
 * German JJ I-NP I-MISC
 * </pre>
 * gives one sentence with the spans {@code [0,1) ORG} and {@code [2,3) MISC}.
 */
public final class ConllCorpus {

    /** One sentence: its tokens and one tag per token. */
    public record Sentence(List<String> tokens, List<String> tags) {
        /** Entity spans over token indices, read with conlleval's rules. */
        public List<Span> spans() {
            return ConllCorpus.spans(tags);
        }
    }

    /** One document: the sentences between two {@code -DOCSTART-} lines. */
    public record Document(List<Sentence> sentences) {
        public int tokenCount() {
            return sentences.stream().mapToInt(s -> s.tokens().size()).sum();
        }
    }

    private ConllCorpus() {
    }

    /** Reads a CoNLL file; a missing or unreadable one fails with one line (exit code 3 in the CLI). */
    public static List<Document> read(Path file) {
        if (!Files.isReadable(file)) {
            throw new io.newsetl.model.InputException("Cannot read CoNLL file: " + file
                    + " does not exist or is not readable.");
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CoNLL file " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Document> parse(List<String> lines) {
        List<Document> docs = new ArrayList<>();
        List<Sentence> sentences = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("-DOCSTART-")) {
                if (!tokens.isEmpty()) {
                    sentences.add(new Sentence(List.copyOf(tokens), List.copyOf(tags)));
                    tokens.clear();
                    tags.clear();
                }
                if (l.startsWith("-DOCSTART-") && !sentences.isEmpty()) {
                    docs.add(new Document(List.copyOf(sentences)));
                    sentences.clear();
                }
                continue;
            }
            String[] cols = l.split("\\s+");
            if (cols.length < 2) {
                throw new IllegalArgumentException("CoNLL line " + lineNo + " has no tag column: " + line);
            }
            tokens.add(cols[0]);
            tags.add(cols[cols.length - 1]);
        }
        if (!tokens.isEmpty()) {
            sentences.add(new Sentence(List.copyOf(tokens), List.copyOf(tags)));
        }
        if (!sentences.isEmpty()) {
            docs.add(new Document(List.copyOf(sentences)));
        }
        return docs;
    }

    /**
     * The entity spans of a tag sequence with conlleval's rules: an entity starts at {@code B-X}, or at {@code I-X}
     * after {@code O} or after another type; it ends before {@code O}, {@code B-} or another type.
     */
    public static List<Span> spans(List<String> tags) {
        List<Span> out = new ArrayList<>();
        int start = -1;
        String type = null;
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i) : "O";
            String t = tag.equals("O") || tag.length() < 3 ? null : tag.substring(2);
            boolean begins = t != null && (tag.startsWith("B-") || !t.equals(type));
            if (type != null && (t == null || begins)) {
                out.add(new Span(start, i, type));
                type = null;
            }
            if (begins) {
                start = i;
                type = t;
            }
        }
        return out;
    }
}
