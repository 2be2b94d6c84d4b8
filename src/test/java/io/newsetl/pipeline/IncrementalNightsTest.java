package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.output.RunRecord;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.testing.SparkStageTest;
import io.newsetl.testing.TableSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nights into one output: dedup against committed nights, idempotent reruns, and a backfill. */
class IncrementalNightsTest extends SparkStageTest {

    private static final String S1 = "Negotiators from both Koreas met again on Monday in the truce village to prepare the summit.\n"
            + "The delegation from Seoul was led by the vice unification minister, officials said.\n";
    private static final String S2 = "Heavy rain is forecast for the southern provinces as a typhoon approaches the peninsula.\n"
            + "The safety ministry raised its alert level and asked fishing boats to return to port.\n"
            + "Schools in Busan and Ulsan will close on Thursday, the education office announced.\n";

    @TempDir
    Path dir;
    Path night1;
    Path night2;

    static String kbs(String title, String stamp, String body) {
        return " date " + stamp.substring(0, 10) + " " + title + " News Today 입력 " + stamp.replace('-', '.')
                .replace("T", " (") + ") 수정 " + stamp.replace('-', '.').replace("T", " (") + ")\n\n" + body;
    }

    @BeforeEach
    void corpora() throws Exception {
        night1 = Files.createDirectories(dir.resolve("in/2018-05-28"));
        night2 = Files.createDirectories(dir.resolve("in/2018-05-29"));
        Files.writeString(night1.resolve("talks.txt"), kbs("Talks Resume", "2018-05-28T15:02", S1));
        Files.writeString(night1.resolve("typhoon.txt"), kbs("Typhoon Nears", "2018-05-28T16:00", S2));
        Files.writeString(night2.resolve("talks-again.txt"), kbs("TALKS RESUME", "2018-05-29T09:00", S1));
        Files.writeString(night2.resolve("typhoon-update.txt"),
                kbs("Typhoon Update", "2018-05-29T10:00", "Update: the typhoon has weakened slightly.\n" + S2));
        Files.writeString(night2.resolve("new-story.txt"), kbs("Exports Rise", "2018-05-29T11:00",
                "Exports rose for a third month as chip shipments to China climbed sharply.\n"));
    }

    private RunRecord run(Path input, Path out, String date) {
        return NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", input.toString(),
                "output", out.toString(), "run-date", date)));
    }

    private Map<String, String> duplicates(Path out) {
        Map<String, String> ids = TableWriter.read(spark(), out.toString(), TableSchemas.ARTICLES)
                .collectAsList().stream().collect(Collectors.toMap(r -> r.<String>getAs("article_id"),
                        r -> name(r.getAs("source_path"))));
        return spark().read().parquet(out.resolve("duplicates").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> name(r.getAs("source_path")),
                        r -> r.<String>getAs("duplicate_kind") + " of " + ids.get(r.<String>getAs("duplicate_of"))));
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static List<String> withoutTotals(List<String> rows) {
        return rows.stream().map(r -> r.startsWith("paragraph_index:")
                ? r.replaceFirst("^(([^|]*\\|){4})[^|]*", "$1TOTAL") : r).toList();
    }

    private List<String> allRows(Path out) {
        return TableSnapshot.of(spark(), out.toString());
    }

    @Test
    void secondNightDedupsAgainstTheFirstAndRerunsChangeNothing() {
        Path out = dir.resolve("out");
        assertThat(run(night1, out, "2018-05-28").getArticles()).isEqualTo(2);
        RunRecord n2 = run(night2, out, "2018-05-29");
        assertThat(n2.getArticles()).isEqualTo(1);
        assertThat(n2.getExactDuplicates()).isEqualTo(1);
        assertThat(n2.getNearDuplicates()).isEqualTo(1);
        assertThat(duplicates(out)).containsOnly(Map.entry("talks-again.txt", "exact of talks.txt"),
                Map.entry("typhoon-update.txt", "near of typhoon.txt"));

        List<String> before = allRows(out);
        run(night2, out, "2018-05-29");
        assertThat(allRows(out)).as("rerun of night 2").isEqualTo(before);
        run(night1, out, "2018-05-28");
        // Night 1 now also counts night 2's bodies in distinct_bodies_total ("as of the run"); everything else,
        // its canonicals above all, is unchanged.
        assertThat(withoutTotals(allRows(out))).as("rerun of night 1").isEqualTo(withoutTotals(before));

        // Counts are per night and never doubled: S1's first paragraph is carried once each night.
        List<Row> s1 = spark().read().parquet(out.resolve("paragraph_index").toString())
                .where("paragraph_hash = '" + io.newsetl.dedup.TextNormalizer.paragraphHash(S1.lines().findFirst().get()).hex() + "'")
                .orderBy("run_date").collectAsList();
        assertThat(s1).hasSize(2).allSatisfy(r -> assertThat(r.<Long>getAs("articles")).isEqualTo(1L));
        assertThat(spark().read().parquet(out.resolve("runs").toString()).count()).isEqualTo(2);
    }

    @Test
    void backfillKeepsCommittedCanonicals() {
        Path out = dir.resolve("backfill");
        run(night2, out, "2018-05-29");
        RunRecord older = run(night1, out, "2018-05-28");
        // The older night's copies were published earlier, but night 2's articles were committed first.
        assertThat(older.getArticles()).isZero();
        assertThat(duplicates(out)).containsOnly(Map.entry("talks.txt", "exact of talks-again.txt"),
                Map.entry("typhoon.txt", "near of typhoon-update.txt"));
    }
}
