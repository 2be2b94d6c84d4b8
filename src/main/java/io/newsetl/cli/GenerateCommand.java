package io.newsetl.cli;

import io.newsetl.bench.CorpusGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code news-etl generate}: write a synthetic KBS-format corpus with its ground truth. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write N synthetic KBS-format articles (corpus/YYYY/MM/DD/...) and truth.tsv, deterministically.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--articles", required = true, description = "Number of files.")
    int articles;

    @Option(names = "--output", required = true, description = "Folder to write corpus/ and truth.tsv into.")
    Path output;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        CorpusGenerator.Summary s = new CorpusGenerator(CorpusGenerator.Rates.defaults(), seed).generate(output, articles);
        System.out.printf("generated %,d files (%,d bytes) in %.1f s into %s: %,d originals, %,d exact and %,d near "
                        + "duplicates, %,d malformed; ground truth in %s%n", s.files(), s.bytes(),
                (System.nanoTime() - t0) / 1e9, output.resolve("corpus"), s.originals(), s.exactDuplicates(),
                s.nearDuplicates(), s.malformed(), output.resolve("truth.tsv"));
        return 0;
    }
}
