package io.newsetl.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * The trained English name finder, its phrase dictionary and its word clusters, as written by {@code train-ner}:
 * {@code <dir>/ner-en.bin}, {@code <dir>/ner-en-phrases.tsv.gz} and {@code <dir>/ner-en-clusters.tsv.gz}; an empty
 * location means the copy bundled in the jar. Loaded once per JVM
 * (an executor runs many tasks) and shared: the OpenNLP model is immutable; each task makes its own
 * {@code NameFinderME} from it.
 *
 * <pre>{@code
 * NerModel m = NerModel.load("");   // bundled
 * }</pre>
 */
public record NerModel(TokenNameFinderModel model, PhraseDictionary phrases, WordClusters clusters) {

    public static final String MODEL_FILE = "ner-en.bin";
    public static final String PHRASES_FILE = "ner-en-phrases.tsv.gz";
    /** Optional: a model trained without {@code --unlabelled} has none. */
    public static final String CLUSTERS_FILE = "ner-en-clusters.tsv.gz";
    private static final Map<String, NerModel> LOADED = new ConcurrentHashMap<>();

    public static NerModel load(String dir) {
        return LOADED.computeIfAbsent(dir == null ? "" : dir, NerModel::read);
    }

    private static NerModel read(String dir) {
        try (InputStream model = open(dir, MODEL_FILE); InputStream phrases = open(dir, PHRASES_FILE)) {
            WordClusters clusters = WordClusters.none();
            if (exists(dir, CLUSTERS_FILE)) {
                try (InputStream c = open(dir, CLUSTERS_FILE)) {
                    clusters = WordClusters.read(new GZIPInputStream(c));
                }
            }
            return new NerModel(new TokenNameFinderModel(model), PhraseDictionary.read(new GZIPInputStream(phrases)),
                    clusters);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the entity model from " + (dir.isEmpty() ? "the jar" : dir)
                    + ": " + e.getMessage() + " (train one with: submit/run-local.sh train-ner --help)", e);
        }
    }

    private static boolean exists(String dir, String file) {
        return dir.isEmpty() ? NerModel.class.getResource(file) != null : Files.exists(Path.of(dir, file));
    }

    /** The model's features of one sentence: the document's context, the phrase dictionary, the word clusters. */
    public String[][] features(String[] tokens, String[][] documentContext) {
        return features(phrases, clusters, tokens, documentContext);
    }

    /**
     * The one composition of the additional features, for training (with a jackknifed dictionary) and tagging alike,
     * so that the two never drift apart.
     */
    static String[][] features(PhraseDictionary phrases, WordClusters clusters, String[] tokens,
            String[][] documentContext) {
        return clusters.features(tokens, phrases.features(tokens, documentContext));
    }

    private static InputStream open(String dir, String file) throws IOException {
        if (dir.isEmpty()) {
            InputStream in = NerModel.class.getResourceAsStream(file);
            if (in == null) {
                throw new IOException(file + " is not bundled");
            }
            return in;
        }
        return Files.newInputStream(Path.of(dir, file));
    }
}
