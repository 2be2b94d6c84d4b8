package io.newsetl.entities;

import io.newsetl.entities.tagger.Lexicon;
import io.newsetl.entities.tagger.LinearChainModel;
import io.newsetl.entities.tagger.PerceptronTrainer;
import io.newsetl.entities.tagger.PhraseSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Trains the English entity tagger on CoNLL documents: an averaged perceptron ({@link PerceptronTrainer}) over the
 * features of {@link io.newsetl.entities.tagger.WordType}, with the {@link Lexicon} and a jackknifed
 * {@link PhraseDictionary}: each fifth of the training documents sees only the dictionary of the other four, so the
 * model learns how far the dictionary can be trusted on names it has not seen. Deterministic: the same files and
 * settings give the same model bytes.
 *
 * <pre>{@code
 * NerModel m = NerTrainer.train(ConllCorpus.read(Path.of("eng.train")),
 *         io.newsetl.entities.tagger.PerceptronTrainer.Settings.defaults(), NerModel.lexicon(""), System.out);
 * }</pre>
 */
public final class NerTrainer {

    public static final int FOLDS = 5;

    private NerTrainer() {
    }

    public static NerModel train(List<ConllCorpus.Document> docs, PerceptronTrainer.Settings settings,
            Lexicon lexicon, PrintStream log) {
        List<PhraseSet> jackknife = new ArrayList<>();
        for (int f = 0; f < FOLDS; f++) {
            int fold = f;
            jackknife.add(PhraseDictionary.of(IntStream.range(0, docs.size()).filter(i -> i % FOLDS != fold)
                    .mapToObj(docs::get).toList()).toPhraseSet());
        }
        List<List<PerceptronTrainer.Sentence>> documents = docs.stream()
                .map(d -> d.sentences().stream().map(s -> new PerceptronTrainer.Sentence(s.tokens(), s.spans()))
                        .toList())
                .toList();
        LinearChainModel model = PerceptronTrainer.train(documents, lexicon,
                d -> NerModel.phraseSets(lexicon, jackknife.get(d % FOLDS)), settings, log);
        return new NerModel(model, lexicon, PhraseDictionary.of(docs));
    }

    /** Trains and writes {@link NerModel#MODEL_FILE} and {@link NerModel#PHRASES_FILE} into {@code dir}. */
    public static NerModel trainAndWrite(List<ConllCorpus.Document> docs, PerceptronTrainer.Settings settings,
            Lexicon lexicon, Path dir, PrintStream log) throws IOException {
        NerModel model = train(docs, settings, lexicon, log);
        Files.createDirectories(dir);
        try (var out = Files.newOutputStream(dir.resolve(NerModel.MODEL_FILE))) {
            model.tagger().write(out);
        }
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve(NerModel.PHRASES_FILE)))) {
            model.phrases().write(out);
        }
        return model;
    }
}
