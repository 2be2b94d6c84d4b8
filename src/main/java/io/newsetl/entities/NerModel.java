package io.newsetl.entities;

import io.newsetl.entities.tagger.Lexicon;
import io.newsetl.entities.tagger.LinearChainModel;
import io.newsetl.entities.tagger.PhraseSet;
import io.newsetl.entities.tagger.SequenceTagger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * The English entity tagger's model and what it reads: the trained {@link LinearChainModel}
 * ({@code ner-en-tagger.bin}, written by {@code train-ner}), the phrase dictionary of the training data
 * ({@code ner-en-phrases.tsv.gz}) and the {@link Lexicon} of word clusters and name lists
 * ({@code ner-en-lexicon.tsv.gz}, written by {@code derive-lexicon}). An empty location means the copies bundled in
 * the jar; a folder without a lexicon uses the bundled one. Loaded once per JVM (an executor runs many tasks) and
 * shared: everything here is immutable; each task makes its own {@link SequenceTagger} with {@link #newTagger()}.
 *
 * <pre>{@code
 * NerModel m = NerModel.load("");   // bundled
 * }</pre>
 */
public record NerModel(LinearChainModel tagger, Lexicon lexicon, PhraseDictionary phrases) {

    public static final String MODEL_FILE = "ner-en-tagger.bin";
    public static final String PHRASES_FILE = "ner-en-phrases.tsv.gz";
    public static final String LEXICON_FILE = "ner-en-lexicon.tsv.gz";
    private static final Map<String, NerModel> LOADED = new ConcurrentHashMap<>();
    private static final Map<String, Lexicon> LEXICONS = new ConcurrentHashMap<>();

    public static NerModel load(String dir) {
        return LOADED.computeIfAbsent(dir == null ? "" : dir, NerModel::read);
    }

    /** The lexicon in {@code dir} (or the bundled one when {@code dir} is empty or has none), read once per JVM. */
    public static Lexicon lexicon(String dir) {
        String from = dir == null || dir.isEmpty() || !exists(dir, LEXICON_FILE) ? "" : dir;
        return LEXICONS.computeIfAbsent(from, d -> {
            try (InputStream in = open(d, LEXICON_FILE)) {
                return Lexicon.read(new GZIPInputStream(in, 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the entity lexicon from " + where(d) + ": "
                        + e.getMessage() + " (derive it with: submit/derive-lexicon.sh)", e);
            }
        });
    }

    /** A tagger for one task: the model, the lexicon's lists and the training dictionary as phrase features. */
    public SequenceTagger newTagger() {
        return new SequenceTagger(tagger, lexicon, phraseSets(lexicon, phrases.toPhraseSet()));
    }

    /** The one composition of the phrase sets, for training (with a jackknifed dictionary) and tagging alike. */
    public static PhraseSet[] phraseSets(Lexicon lexicon, PhraseSet dictionary) {
        return new PhraseSet[] {lexicon.lists(), dictionary};
    }

    private static NerModel read(String dir) {
        Lexicon lexicon = lexicon(dir);
        try (InputStream model = open(dir, MODEL_FILE); InputStream phrases = open(dir, PHRASES_FILE)) {
            return new NerModel(LinearChainModel.read(model, MODEL_FILE + " in " + where(dir)), lexicon,
                    PhraseDictionary.read(new GZIPInputStream(phrases)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the entity model from " + where(dir) + ": " + e.getMessage()
                    + (e.getMessage().contains("train-ner") ? "" : " (train one with: submit/run-local.sh train-ner"
                    + " --help)"), e);
        }
    }

    private static String where(String dir) {
        return dir.isEmpty() ? "the jar" : dir;
    }

    private static boolean exists(String dir, String file) {
        return dir.isEmpty() ? NerModel.class.getResource(file) != null : Files.exists(Path.of(dir, file));
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
