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
 * The trained English name finder and its phrase dictionary, as written by {@code train-ner}: {@code <dir>/ner-en.bin}
 * and {@code <dir>/ner-en-phrases.tsv.gz}; an empty location means the copy bundled in the jar. Loaded once per JVM
 * (an executor runs many tasks) and shared: the OpenNLP model is immutable; each task makes its own
 * {@code NameFinderME} from it.
 *
 * <pre>{@code
 * NerModel m = NerModel.load("");   // bundled
 * }</pre>
 */
public record NerModel(TokenNameFinderModel model, PhraseDictionary phrases) {

    public static final String MODEL_FILE = "ner-en.bin";
    public static final String PHRASES_FILE = "ner-en-phrases.tsv.gz";
    private static final Map<String, NerModel> LOADED = new ConcurrentHashMap<>();

    public static NerModel load(String dir) {
        return LOADED.computeIfAbsent(dir == null ? "" : dir, NerModel::read);
    }

    private static NerModel read(String dir) {
        try (InputStream model = open(dir, MODEL_FILE); InputStream phrases = open(dir, PHRASES_FILE)) {
            return new NerModel(new TokenNameFinderModel(model), PhraseDictionary.read(new GZIPInputStream(phrases)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the entity model from " + (dir.isEmpty() ? "the jar" : dir)
                    + ": " + e.getMessage() + " (train one with: submit/run-local.sh train-ner --help)", e);
        }
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
