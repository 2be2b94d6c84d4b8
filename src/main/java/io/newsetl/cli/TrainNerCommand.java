package io.newsetl.cli;

import io.newsetl.entities.ConllCorpus;
import io.newsetl.entities.EntityTagger;
import io.newsetl.entities.Gazetteer;
import io.newsetl.entities.NerEvaluator;
import io.newsetl.entities.NerModel;
import io.newsetl.entities.NerTokenizer;
import io.newsetl.entities.NerTrainer;
import io.newsetl.entities.WordClusterer;
import io.newsetl.entities.WordClusters;
import io.newsetl.ingest.TextDecoder;
import io.newsetl.pipeline.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code news-etl train-ner}: trains the English entity model on a CoNLL file and writes it where the job loads it
 * (by default the source tree's resources, so the next build bundles it).
 */
@Command(name = "train-ner", mixinStandardHelpOptions = true,
        description = "Train the English entity model (OpenNLP maxent) on a CoNLL-2003 file, with word clusters "
                + "learned from unlabelled text; writes ner-en.bin, ner-en-phrases.tsv.gz, ner-en-clusters.tsv.gz and "
                + "scores the dev file.")
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

    @Option(names = "--beam", defaultValue = "2", description = "Beam size of the tagger's sequence search (default ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--unlabelled", arity = "1..*", paramLabel = "PATH",
            description = "Unlabelled text (files or folders, read recursively) to learn word clusters from, together "
                    + "with the words of --train and --dev; e.g. ../shared/data/bbc. Without it the model has no "
                    + "clusters.")
    List<Path> unlabelled = List.of();

    @Option(names = "--clusters", defaultValue = "512", description = "Number of word clusters (default ${DEFAULT-VALUE}).")
    int clusters;

    @Override
    public Integer call() throws Exception {
        List<ConllCorpus.Document> trainDocs = ConllCorpus.read(train);
        List<ConllCorpus.Document> devDocs = dev == null ? null : ConllCorpus.read(dev);
        long t0 = System.nanoTime();
        WordClusters wordClusters = WordClusters.none();
        if (!unlabelled.isEmpty()) {
            List<List<String>> sentences = unlabelledSentences(unlabelled);
            long texts = sentences.size();
            for (List<ConllCorpus.Document> docs : devDocs == null ? List.of(trainDocs) : List.of(trainDocs, devDocs)) {
                docs.forEach(d -> d.sentences().forEach(s -> sentences.add(s.tokens())));
            }
            SparkSession spark = Sessions.local("news-etl-train-ner");
            try {
                wordClusters = WordClusterer.cluster(spark, sentences,
                        WordClusterer.Settings.defaults().withClusters(clusters));
            } finally {
                spark.stop();
            }
            System.out.printf(Locale.ROOT, "clustered %,d words of %,d sentences (%,d unlabelled) in %.1f s%n",
                    wordClusters.size(), sentences.size(), texts, (System.nanoTime() - t0) / 1e9);
        }
        long t1 = System.nanoTime();
        NerModel model = NerTrainer.trainAndWrite(trainDocs, new NerTrainer.Settings(iterations, cutoff, beam),
                wordClusters, out);
        System.out.printf(Locale.ROOT, "trained on %s in %.1f s; wrote %s (%,d bytes), %s (%,d phrases)%s%n", train,
                (System.nanoTime() - t1) / 1e9, out.resolve(NerModel.MODEL_FILE),
                Files.size(out.resolve(NerModel.MODEL_FILE)), out.resolve(NerModel.PHRASES_FILE), model.phrases().size(),
                wordClusters.isEmpty() ? "" : " and " + out.resolve(NerModel.CLUSTERS_FILE) + " ("
                        + String.format(Locale.ROOT, "%,d", wordClusters.size()) + " words)");
        if (devDocs != null) {
            EntityTagger tagger = new EntityTagger(model, Gazetteer.of(java.util.Map.of()));
            NerEvaluator.Result r = NerEvaluator.evaluate(devDocs, tagger::modelSpans);
            System.out.println(r.score().report());
        }
        return 0;
    }

    /** Sentences of every file under the paths: decoded like the job's input, paragraphs at blank lines. */
    static List<List<String>> unlabelledSentences(List<Path> paths) throws java.io.IOException {
        NerTokenizer tokenizer = new NerTokenizer();
        List<List<String>> out = new ArrayList<>();
        for (Path root : paths) {
            if (!Files.exists(root)) {
                throw new io.newsetl.model.ConfigException("Cannot read unlabelled text: " + root + " does not exist.");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                TextDecoder.Decoded text = TextDecoder.decode(Files.readAllBytes(f));
                if (!text.isOk()) {
                    continue;
                }
                for (String paragraph : text.text().split("\\n\\s*\\n")) {
                    for (List<NerTokenizer.Token> s : tokenizer.sentences(paragraph, 0)) {
                        out.add(s.stream().map(NerTokenizer.Token::text).toList());
                    }
                }
            }
        }
        return out;
    }
}
