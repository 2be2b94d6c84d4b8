package io.newsetl.entities.tagger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.util.Span;

/**
 * Tags the sentences of one document with a {@link LinearChainModel}: each token is looked up once in this tagger's
 * vocabulary and becomes a {@link WordType}, whose features and window scores are computed the first time the type
 * is seen and reused for every later occurrence; the positional features are added per token; first-order Viterbi
 * decodes. A span's score is the lowest, over its tokens, of the local probability of its label (a softmax of the
 * token's scores): a confidence for ranking, not a calibrated probability.
 *
 * <pre>{@code
 * SequenceTagger t = new SequenceTagger(model, lexicon, new PhraseSet[] {lexicon.lists(), dictionary});
 * List<List<opennlp.tools.util.Span>> spans = t.tag(List.<String[]>of(new String[] {"Tony", "Blair", "said"}));
 * // [[[0..2) PER]]
 * }</pre>
 * Not thread-safe: one per task. The model, lexicon and phrase sets it holds are shared and immutable.
 */
public final class SequenceTagger {

    /** Types kept in the vocabulary before it is cleared (about 1 KB each with their cached scores). */
    static final int MAX_TYPES = 200_000;
    private static final int L = Labels.COUNT;

    private final LinearChainModel model;
    private final Lexicon lexicon;
    private final PhraseSet[] phrases;
    private final Map<String, WordType> vocabulary = new HashMap<>();
    private final WordType before = WordType.boundary(-1);
    private final WordType after = WordType.boundary(1);
    private final SentenceFeatures positional = new SentenceFeatures();
    private final DocumentEvidence evidence = new DocumentEvidence(List.of());
    private float[] emissions = new float[128 * L];
    private float[] delta = new float[128 * L];
    private int[] back = new int[128 * L];
    private int[] labels = new int[128];

    public SequenceTagger(LinearChainModel model, Lexicon lexicon, PhraseSet[] phrases) {
        this.model = model;
        this.lexicon = lexicon;
        this.phrases = phrases.clone();
    }

    /** The token spans of each sentence of one document, with their scores ({@link Span#getProb}). */
    public List<List<Span>> tag(List<String[]> sentences) {
        if (vocabulary.size() > MAX_TYPES) {
            vocabulary.clear();
        }
        List<WordType[]> doc = new ArrayList<>(sentences.size());
        for (String[] s : sentences) {
            WordType[] types = new WordType[s.length];
            for (int i = 0; i < s.length; i++) {
                WordType t = vocabulary.get(s[i]);
                if (t == null) {
                    t = WordType.of(s[i], lexicon);
                    vocabulary.put(s[i], t);
                }
                types[i] = t;
            }
            doc.add(types);
        }
        DocumentEvidence evidence = this.evidence.reset(doc);
        List<List<Span>> out = new ArrayList<>(doc.size());
        for (WordType[] s : doc) {
            out.add(tagSentence(s, evidence));
        }
        return out;
    }

    private List<Span> tagSentence(WordType[] s, DocumentEvidence evidence) {
        int n = s.length;
        if (n == 0) {
            return List.of();
        }
        if (n > labels.length) {
            emissions = new float[n * L * 2];
            delta = new float[n * L * 2];
            back = new int[n * L * 2];
            labels = new int[n * 2];
        }
        positional.compute(s, phrases, evidence);
        model.emissions(s, before, after, positional, emissions);
        LinearChainModel.decode(emissions, n, model.transitions(), delta, back, labels);
        List<Span> spans = Labels.decode(labels, n);
        List<Span> out = new ArrayList<>(spans.size());
        for (Span sp : spans) {
            double p = 1;
            for (int i = sp.getStart(); i < sp.getEnd(); i++) {
                p = Math.min(p, localProbability(i, labels[i]));
            }
            out.add(new Span(sp.getStart(), sp.getEnd(), sp.getType(), p));
        }
        return out;
    }

    private double localProbability(int token, int label) {
        int off = token * L;
        float max = Float.NEGATIVE_INFINITY;
        for (int l = 0; l < L; l++) {
            max = Math.max(max, emissions[off + l]);
        }
        double sum = 0;
        for (int l = 0; l < L; l++) {
            sum += Math.exp(emissions[off + l] - max);
        }
        return Math.exp(emissions[off + label] - max) / sum;
    }

    /** Word types in the vocabulary now (a work counter for tests). */
    int vocabularySize() {
        return vocabulary.size();
    }
}
