package io.newsetl.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The licensed test data in {@code ../shared/data} (never copied into the repo). Tests that need it call
 * {@link #require(String)}, which skips them with a message when it is absent (a fresh clone, another machine).
 */
public final class SharedData {

    private SharedData() {
    }

    public static Path root() {
        String p = System.getProperty("newsetl.shared", "../shared");
        return Path.of(p, "data").toAbsolutePath().normalize();
    }

    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p),
                () -> "Skipped: " + p + " is absent (the shared test data lives next to the repo in ../shared/data)");
        return p;
    }

    /** The sample corpus that ships in the repo. */
    public static Path sampleCorpus() {
        return Path.of("src/sample/corpus").toAbsolutePath();
    }
}
