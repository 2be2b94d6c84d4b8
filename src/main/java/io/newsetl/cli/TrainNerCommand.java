package io.newsetl.cli;

import io.newsetl.entities.ConllCorpus;
import io.newsetl.entities.Gazetteer;
import io.newsetl.entities.NerEvaluator;
import io.newsetl.entities.NerModel;
import io.newsetl.entities.NerTrainer;
import io.newsetl.entities.EntityTagger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code news-etl train-ner}: trains the English entity model on a CoNLL file and writes it where the job loads it
 * (by default the source tree's resources, so the next build bundles it).
 */
@Command(name = "train-ner", mixinStandardHelpOptions = true,
        description = "Train the English entity model (OpenNLP maxent) on a CoNLL-2003 file; writes ner-en.bin and "
                + "ner-en-phrases.tsv.gz and scores the dev file.")
final class TrainNerCommand implements Callable<Integer> {

    @Option(names = "--train", required = true, description = "Training file, e.g. ../shared/data/conll2003/eng.train")
    Path train;

    @Option(names = "--dev", description = "Development file scored after training, e.g. ../shared/data/conll2003/eng.testa")
    Path dev;

    @Option(names = "--out", defaultValue = "src/main/resources/io/newsetl/entities",
            description = "Folder to write the model into (default ${DEFAULT-VALUE}: bundled by the next build).")
    Path out;

    @Option(names = "--iterations", defaultValue = "100", description = "Maxent iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--cutoff", defaultValue = "5", description = "Minimum feature count (default ${DEFAULT-VALUE}).")
    int cutoff;

    @Option(names = "--beam", defaultValue = "3", description = "Beam size of the tagger's sequence search (default ${DEFAULT-VALUE}).")
    int beam;

    @Override
    public Integer call() throws Exception {
        List<ConllCorpus.Document> devDocs = dev == null ? null : ConllCorpus.read(dev);
        long t0 = System.nanoTime();
        NerModel model = NerTrainer.trainAndWrite(ConllCorpus.read(train), new NerTrainer.Settings(iterations, cutoff, beam),
                out);
        System.out.printf(Locale.ROOT, "trained on %s in %.1f s; wrote %s (%,d bytes) and %s (%,d phrases)%n", train,
                (System.nanoTime() - t0) / 1e9, out.resolve(NerModel.MODEL_FILE),
                Files.size(out.resolve(NerModel.MODEL_FILE)), out.resolve(NerModel.PHRASES_FILE), model.phrases().size());
        if (devDocs != null) {
            EntityTagger tagger = new EntityTagger(model, Gazetteer.of(java.util.Map.of()));
            NerEvaluator.Result r = NerEvaluator.evaluate(devDocs, tagger::modelSpans);
            System.out.println(r.score().report());
        }
        return 0;
    }
}
