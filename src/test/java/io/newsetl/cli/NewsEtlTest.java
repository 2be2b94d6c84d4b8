package io.newsetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User errors end with one line and a documented exit code, before any Spark session starts. */
class NewsEtlTest {

    private record Result(int code, String err, String out) {
    }

    private static Result run(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true));
            System.setOut(new PrintStream(out, true));
            int code = NewsEtl.execute(args);
            return new Result(code, err.toString(), out.toString());
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("run").contains("Exit codes").contains("balance check failed");
        Result runHelp = run("run", "--help");
        assertThat(runHelp.out()).contains("--input").contains("--output").contains("--run-date").contains("--conf")
                .contains("--set");
    }

    @Test
    void wrongArgumentIsOneLineAndExitTwo() {
        Result r = run("run", "--inptu", "/x");
        assertThat(r.code()).isEqualTo(NewsEtl.ExitCodes.USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--inptu");
    }

    @Test
    void unknownConfigKeyIsOneLineAndExitTwo() {
        Result r = run("run", "--input", "/x", "--output", "/y", "--set", "ingest.nope=1");
        assertThat(r.code()).isEqualTo(NewsEtl.ExitCodes.USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("Unknown config key 'ingest.nope'");
    }

    @Test
    void badRunDateIsOneLine() {
        Result r = run("run", "--input", "/x", "--output", "/y", "--run-date", "2018-13-45");
        assertThat(r.code()).isEqualTo(NewsEtl.ExitCodes.USAGE);
        assertThat(r.err()).contains("YYYY-MM-DD").doesNotContain("Exception");
    }

    @Test
    void missingInputIsExitThree(@TempDir Path dir) {
        Result r = run("run", "--input", dir.resolve("nope").toString(), "--output", dir.resolve("out").toString(),
                "--run-date", "2018-05-29");
        assertThat(r.code()).isEqualTo(NewsEtl.ExitCodes.INPUT_MISSING);
        assertThat(r.err()).contains("Cannot read input:").contains("does not exist");
        assertThat(r.err().strip().lines()).hasSize(1);
        // Nothing is left behind, not even the output folder.
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aRunDateBeforeTheMinimumIsExitTwo(@TempDir Path dir) {
        Result r = run("run", "--input", dir.toString(), "--output", dir.resolve("out").toString(),
                "--run-date", "1500-01-01");
        assertThat(r.code()).isEqualTo(NewsEtl.ExitCodes.USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("before parse.min-date");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void inputAndOutputThatOverlapAreRefused(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "A story.");
        Files.createDirectories(in.resolve("sub"));
        Files.writeString(in.resolve("sub/b.txt"), "Another story.");
        for (String[] pair : new String[][] {{in.toString(), in.toString()}, {in.toString(), in.resolve("out").toString()},
                {in.resolve("sub").toString(), in.toString()}, {in + "/*.txt", in.toString()}}) {
            Result r = run("run", "--input", pair[0], "--output", pair[1], "--run-date", "2018-05-29");
            assertThat(r.code()).as(String.join(" -> ", pair)).isEqualTo(NewsEtl.ExitCodes.USAGE);
            assertThat(r.err()).contains("Input and output overlap");
            assertThat(r.err().strip().lines()).hasSize(1);
        }
        assertThat(in.resolve("out")).doesNotExist();
        try (var files = Files.list(in)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.txt", "sub");
        }
    }

    @Test
    void unwritableOutputIsExitFour(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path in = Files.createDirectories(dir.resolve("in"));
        Result r = run("run", "--input", in.toString(), "--output", file.toString(), "--run-date", "2018-05-29");
        assertThat(r.code()).isEqualTo(NewsEtl.ExitCodes.OUTPUT_UNWRITABLE);
        assertThat(r.err()).contains("Cannot write output:").contains("not a directory");
    }

    @Test
    void newCommandsFailInOneLine(@TempDir Path dir) {
        Result eval = run("eval-ner", "--gold", dir.resolve("nope.conll").toString());
        assertThat(eval.code()).isEqualTo(NewsEtl.ExitCodes.INPUT_MISSING);
        assertThat(eval.err().strip().lines()).hasSize(1);
        assertThat(eval.err()).contains("Cannot read CoNLL file:");
        Result stats = run("stats", "--output", dir.resolve("none").toString());
        assertThat(stats.code()).isEqualTo(NewsEtl.ExitCodes.INPUT_MISSING);
        assertThat(stats.err()).contains("Cannot read tables:");
        Result backwards = run("stats", "--output", dir.toString(), "--from", "2018-05-02", "--to", "2018-05-01");
        assertThat(backwards.code()).isEqualTo(NewsEtl.ExitCodes.USAGE);
        assertThat(run("ddl", "--engine", "mysql").code()).isEqualTo(NewsEtl.ExitCodes.USAGE);
        Result gazetteers = run("run", "--input", dir.toString(), "--output", dir.resolve("o").toString(),
                "--set", "entities.gazetteers=" + dir.resolve("missing"));
        assertThat(gazetteers.code()).isEqualTo(NewsEtl.ExitCodes.USAGE);
        assertThat(gazetteers.err()).contains("Cannot read entities.gazetteers:");
    }

    @Test
    void evalNerScoresAConllFile(@TempDir Path dir) throws Exception {
        Path gold = dir.resolve("tiny.conll");
        java.nio.file.Files.writeString(gold, String.join("\n", "-DOCSTART- -X- O O", "",
                "Mike NNP I-NP B-PER", "Pompeo NNP I-NP I-PER", "visited VBD I-VP O", "Pyongyang NNP I-NP B-LOC",
                ". . O O", ""));
        Result r = run("eval-ner", "--gold", gold.toString(), "--warmup", "0", "--passes", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("on the gold tokens of").contains("through our tokeniser");
        assertThat(r.out().strip().lines().reduce((a, b) -> b).orElseThrow())
                .matches("overall P=100\\.00 R=100\\.00 F1=100\\.00 gold-tokens F1=100\\.00 resolved F1=100\\.00 tokens/s=\\d+");
    }

    @Test
    void ddlUsesTheLocationItIsGiven(@TempDir Path dir) {
        Result duck = run("ddl", "--engine", "duckdb", "--location", dir.toString());
        assertThat(duck.code()).isZero();
        assertThat(duck.out()).doesNotContain("${OUTPUT}").contains("read_parquet('" + dir + "/articles/**/*.parquet'");
        Result trino = run("ddl", "--engine", "trino", "--location", "relative/news");
        assertThat(trino.out()).contains("external_location = 'file:" + Path.of("relative/news").toAbsolutePath()
                + "/articles'");
        Result hdfs = run("ddl", "--engine", "spark", "--location", "hdfs:///warehouse/news");
        assertThat(hdfs.out()).contains("LOCATION 'hdfs:///warehouse/news/articles'");
    }
}
