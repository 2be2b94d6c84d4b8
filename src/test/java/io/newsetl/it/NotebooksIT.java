package io.newsetl.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst side on real processes: DuckDB (Node.js, notebooks/duck.mjs) over the views of duckdb-views.sql, and
 * each notebook executed headless with {@code jupyter nbconvert --execute} against a run on the sample corpus; a
 * cell that errors fails the test. Needs notebooks/install.sh (run by .ci/run).
 */
class NotebooksIT extends SparkStageTest {

    private static final Path NOTEBOOKS = Path.of(System.getProperty("newsetl.basedir", "."), "notebooks");

    @Test
    void duckDbViewsAndNotebooksRunAgainstARealOutput(@TempDir Path dir) throws Exception {
        assertThat(NOTEBOOKS.resolve("node_modules/@duckdb/node-api")).as("run notebooks/install.sh first").exists();
        Path out = dir.resolve("out");
        NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", SharedData.sampleCorpus().toString(),
                "output", out.toString(), "run-date", "2018-05-30")));

        Result q = run(dir, Map.of(), "node", NOTEBOOKS.resolve("duck.mjs").toString(), "--output", out.toString(),
                "--sql", "SELECT count(*) AS n, count(DISTINCT pub_date) AS days FROM articles");
        assertThat(q.code()).as(q.err()).isZero();
        assertThat(q.out()).contains("\"rows\":[[\"19\"");
        Result views = run(dir, Map.of(), "node", NOTEBOOKS.resolve("duck.mjs").toString(), "--output", out.toString(),
                "--sql", "SELECT (SELECT count(*) FROM entities) AS e, (SELECT count(*) FROM stats_daily) AS d, "
                        + "(SELECT count(*) FROM rejects) AS r");
        assertThat(views.code()).as(views.err()).isZero();
        assertThat(views.out()).contains("\"rows\":[[\"").doesNotContain("\"0\"");

        for (String notebook : List.of("corpus-overview.ipynb", "entity-explorer.ipynb")) {
            Path executed = dir.resolve("executed-" + notebook);
            Result nb = run(dir, Map.of("NEWS_ETL_OUTPUT", out.toString(), "PYDEVD_DISABLE_FILE_VALIDATION", "1"),
                    "jupyter", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300",
                    "--output", executed.toString(), NOTEBOOKS.resolve(notebook).toString());
            assertThat(nb.code()).as("%s failed:\n%s", notebook, nb.err()).isZero();
            String cells = Files.readString(executed);
            assertThat(cells).as(notebook).doesNotContain("\"output_type\": \"error\"").contains("image/png");
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(Path dir, Map<String, String> env, String... cmd) throws Exception {
        Path out = Files.createTempFile(dir, "cmd", ".out");
        Path err = Files.createTempFile(dir, "cmd", ".err");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(cmd))).directory(NOTEBOOKS.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in 600 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
