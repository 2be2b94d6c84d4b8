package io.newsetl.cli;

import io.newsetl.entities.ConllCorpus;
import io.newsetl.entities.EntityTagger;
import io.newsetl.entities.Gazetteer;
import io.newsetl.entities.NerEvaluator;
import io.newsetl.entities.NerModel;
import io.newsetl.entities.NerTrainer;
import io.newsetl.entities.StandoffGold;
import io.newsetl.entities.tagger.Lexicon;
import io.newsetl.entities.tagger.PerceptronTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code news-etl train-ner}: trains the English entity tagger on a CoNLL file and writes it where the job loads it
 * (by default the source tree's resources, so the next build bundles it). The one documented training command:
 * deterministic, the same files and settings give the same model bytes.
 */
@Command(name = "train-ner", mixinStandardHelpOptions = true,
        description = "Train the English entity tagger (averaged perceptron, BILOU, Viterbi) on a CoNLL-2003 file "
                + "with the bundled lexicon (word clusters, name lists); writes ner-en-tagger.bin and "
                + "ner-en-phrases.tsv.gz and scores the dev file.")
final class TrainNerCommand implements Callable<Integer> {

    @Option(names = "--train", required = true, description = "Training file, e.g. ../shared/data/conll2003/eng.train")
    Path train;

    @Option(names = "--add-gold", description = "Stand-off gold set (path, sha256, offsets, type) whose documents "
            + "are added to the training documents, tokenised as the job tokenises; needs --corpus. Repeatable. "
            + "Never a set that is used for scoring.")
    List<Path> addGold = List.of();

    @Option(names = "--corpus", description = "Corpus folder the --add-gold paths are relative to, e.g. ../shared/data/bbc")
    Path corpus;

    @Option(names = "--dev", description = "Development file scored after training, e.g. ../shared/data/conll2003/eng.testa")
    Path dev;

    @Option(names = "--out", defaultValue = "src/main/resources/io/newsetl/entities",
            description = "Folder to write the model into (default ${DEFAULT-VALUE}: bundled by the next build).")
    Path out;

    @Option(names = "--lexicon", defaultValue = "",
            description = "Folder holding ner-en-lexicon.tsv.gz (default: the bundled one; derive it with "
                    + "submit/derive-lexicon.sh).")
    String lexicon;

    @Option(names = "--epochs", defaultValue = "12", description = "Passes over the training file (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "17", description = "Seed of the sentence order (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        List<ConllCorpus.Document> trainDocs = new java.util.ArrayList<>(ConllCorpus.read(train));
        for (Path gold : addGold) {
            if (corpus == null) {
                throw new io.newsetl.model.ConfigException("--add-gold " + gold + " needs --corpus: the folder its "
                        + "paths are relative to (e.g. --corpus ../shared/data/bbc).");
            }
            StandoffGold set = StandoffGold.load(gold, corpus);
            if (!set.problems().isEmpty()) {
                throw new io.newsetl.model.InputException("Cannot train on " + gold + ": " + set.problems().get(0)
                        + " (" + set.problems().size() + " file(s) differ from the annotated ones; re-annotate them "
                        + "or restore the corpus).");
            }
            StandoffGold.Training t = set.training();
            trainDocs.addAll(t.documents());
            System.out.printf(Locale.ROOT, "added %s: %,d documents, %,d mentions (%,d not on token edges, left O)%n",
                    gold, t.documents().size(), t.mentions(), t.unaligned());
        }
        List<ConllCorpus.Document> devDocs = dev == null ? null : ConllCorpus.read(dev);
        Lexicon lex = NerModel.lexicon(lexicon);
        System.out.printf(Locale.ROOT, "lexicon: %,d rcv1 words, %,d web words, %,d list phrases%n", lex.words(0),
                lex.words(1), lex.lists().size());
        long t0 = System.nanoTime();
        NerModel model = NerTrainer.trainAndWrite(trainDocs, new PerceptronTrainer.Settings(epochs, seed), lex, out,
                System.out);
        System.out.printf(Locale.ROOT, "trained on %s in %.1f s; wrote %s (%,d bytes, %,d features), %s (%,d phrases)%n",
                train, (System.nanoTime() - t0) / 1e9, out.resolve(NerModel.MODEL_FILE),
                Files.size(out.resolve(NerModel.MODEL_FILE)), model.tagger().features(),
                out.resolve(NerModel.PHRASES_FILE), model.phrases().size());
        if (devDocs != null) {
            EntityTagger tagger = new EntityTagger(model, Gazetteer.of(java.util.Map.of()));
            NerEvaluator.Result r = NerEvaluator.evaluate(devDocs, tagger::modelSpans);
            System.out.println(r.score().report());
        }
        return 0;
    }
}
