package io.newsetl.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the English name finder (OpenNLP maximum entropy, GIS) on CoNLL documents, with the feature set of
 * {@code ner-features.xml}, the document features of {@link DocumentFeatures}, the jackknifed
 * {@link PhraseDictionary} and, when given, the {@link WordClusters} learned from unlabelled text. Adaptive data (what earlier sentences of the same document said about a word) is cleared
 * at each document start, in training exactly as when tagging. Training is deterministic: the same files and
 * settings give the same model bytes' behaviour.
 *
 * <pre>{@code
 * TokenNameFinderModel m = NerTrainer.train(ConllCorpus.read(Path.of("eng.train")), NerTrainer.Settings.defaults());
 * }</pre>
 */
public final class NerTrainer {

    /** Training settings; {@link #defaults()} are the ones tuned on eng.testa. */
    public record Settings(int iterations, int cutoff, int beamSize) {
        /**
         * Tuned on eng.testa: more iterations or a lower cutoff gained under 0.1 F1 there and lost on speed. A beam of
         * 2 instead of 3 costs 0.2 F1 (testa and testb) and gains about 30% speed, which keeps the tagger above
         * 50,000 tokens/s on one core when the machine is busy; a beam of 1 costs 1.2.
         */
        public static Settings defaults() {
            return new Settings(100, 5, 2);
        }

        TrainingParameters parameters() {
            TrainingParameters p = new TrainingParameters();
            p.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
            p.put(TrainingParameters.ITERATIONS_PARAM, iterations);
            p.put(TrainingParameters.CUTOFF_PARAM, cutoff);
            p.put("BeamSize", beamSize);
            return p;
        }
    }

    private NerTrainer() {
    }

    public static final int FOLDS = 5;

    public static TokenNameFinderModel train(List<ConllCorpus.Document> docs, Settings settings) {
        return train(docs, settings, WordClusters.none());
    }

    public static TokenNameFinderModel train(List<ConllCorpus.Document> docs, Settings settings,
            WordClusters clusters) {
        List<NameSample> samples = new ArrayList<>();
        List<PhraseDictionary> jackknife = new ArrayList<>();
        for (int f = 0; f < FOLDS; f++) {
            int fold = f;
            jackknife.add(PhraseDictionary.of(java.util.stream.IntStream.range(0, docs.size())
                    .filter(i -> i % FOLDS != fold).mapToObj(docs::get).toList()));
        }
        for (int di = 0; di < docs.size(); di++) {
            ConllCorpus.Document d = docs.get(di);
            PhraseDictionary dict = jackknife.get(di % FOLDS);
            List<String[]> sentences = d.sentences().stream().map(s -> s.tokens().toArray(String[]::new)).toList();
            List<String[][]> context = DocumentFeatures.compute(sentences);
            for (int i = 0; i < sentences.size(); i++) {
                samples.add(new NameSample(sentences.get(i), d.sentences().get(i).spans().toArray(Span[]::new),
                        NerModel.features(dict, clusters, sentences.get(i), context.get(i)), i == 0));
            }
        }
        try {
            TokenNameFinderFactory factory = TokenNameFinderFactory.create(null, featureDescriptor(), Map.of(),
                    new BioCodec());
            return NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples),
                    settings.parameters(), factory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Trains and writes {@link NerModel#MODEL_FILE}, {@link NerModel#PHRASES_FILE} and, when there are clusters,
     * {@link NerModel#CLUSTERS_FILE} into {@code dir} (a stale clusters file of an earlier model is removed).
     */
    public static NerModel trainAndWrite(List<ConllCorpus.Document> docs, Settings settings, WordClusters clusters,
            java.nio.file.Path dir) throws IOException {
        TokenNameFinderModel model = train(docs, settings, clusters);
        PhraseDictionary phrases = PhraseDictionary.of(docs);
        java.nio.file.Files.createDirectories(dir);
        try (var out = java.nio.file.Files.newOutputStream(dir.resolve(NerModel.MODEL_FILE))) {
            model.serialize(out);
        }
        try (var out = new java.util.zip.GZIPOutputStream(
                java.nio.file.Files.newOutputStream(dir.resolve(NerModel.PHRASES_FILE)))) {
            phrases.write(out);
        }
        java.nio.file.Path clustersFile = dir.resolve(NerModel.CLUSTERS_FILE);
        if (clusters.isEmpty()) {
            java.nio.file.Files.deleteIfExists(clustersFile);
        } else {
            try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(clustersFile))) {
                clusters.write(out);
            }
        }
        return new NerModel(model, phrases, clusters);
    }

    static byte[] featureDescriptor() {
        try (InputStream in = NerTrainer.class.getResourceAsStream("ner-features.xml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
