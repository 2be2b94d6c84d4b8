package io.newsetl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.testing.SparkStageTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark command end to end on a tiny generated corpus: every phase measured, output checked by the truth. */
class BenchmarkTest extends SparkStageTest {

    @TempDir
    Path work;

    @Test
    void printsEveryPhaseAndTheLastLineWithTheGroundTruthCheck() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Benchmark(spark(), new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(work, 400, 42, 200, false);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        for (String phase : List.of("r", "p", "n", "b")) {
            assertThat(lines).as("a row for (%s)", phase).anyMatch(l -> l.matches(phase + " +[0-9,]+ +[0-9.]+ .*"));
        }
        assertThat(lines).anyMatch(l -> l.startsWith("per-file work without Spark (p): p/r="));
        Matcher last = Pattern.compile("bench articles=400 b/r=([0-9.]+) b/n=([0-9.]+) c/b=n/a "
                + "dup_precision=([0-9.]+) dup_recall=([0-9.]+) rejects_recall=([0-9.]+)").matcher(lines.get(lines.size() - 1));
        assertThat(last.matches()).as(lines.get(lines.size() - 1)).isTrue();
        assertThat(Double.parseDouble(last.group(3))).isGreaterThanOrEqualTo(0.99);
        assertThat(Double.parseDouble(last.group(4))).isGreaterThanOrEqualTo(0.98);
        assertThat(Double.parseDouble(last.group(5))).isEqualTo(1.0);
    }
}
