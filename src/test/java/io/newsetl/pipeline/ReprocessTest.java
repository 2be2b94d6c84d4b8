package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsetl.config.ConfigLoader;
import io.newsetl.config.JobConfig;
import io.newsetl.entities.EntityTagger;
import io.newsetl.entities.Gazetteer;
import io.newsetl.entities.NerModel;
import io.newsetl.model.LockedException;
import io.newsetl.output.RunLock;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.testing.SparkStageTest;
import io.newsetl.testing.TableSnapshot;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reprocess on an output written by an earlier release: src/test/resources/fixtures/output-fd0d750 is the sample
 * corpus's night 2018-05-30 as commit fd0d750 wrote it (its OpenNLP tagger, no names table, no entities.title, no
 * articles.section). After reprocess, the entities are the current tagger's, the names table and the derived
 * columns exist, nothing else changed, and a second reprocess changes nothing.
 */
class ReprocessTest extends SparkStageTest {

    private static final LocalDate NIGHT = LocalDate.parse("2018-05-30");

    private static Path copyOfFixture(Path dir) throws Exception {
        Path out = dir.resolve("out");
        io.newsetl.testing.Trees.copy(Path.of("src/test/resources/fixtures/output-fd0d750"), out);
        return out;
    }

    private JobConfig cfg(Path out) {
        return ConfigLoader.load(null, Map.of("output", out.toString(), "run-date", NIGHT.toString(),
                "stats.enabled", "false"));
    }

    /** Rows of a table without the columns reprocess derives again. */
    private List<String> kept(Path out, io.newsetl.output.TableSchema t, String... derived) {
        return TableWriter.read(spark(), out.toString(), t).drop(derived).collectAsList().stream()
                .map(Row::toString).sorted().toList();
    }

    @Test
    void anEarlierReleasesNightIsBroughtToThisBuild(@TempDir Path dir) throws Exception {
        Path out = copyOfFixture(dir);
        assertThat(spark().read().parquet(out.resolve("articles").toString()).columns()).doesNotContain("section");
        assertThat(out.resolve("names")).doesNotExist();
        String[] derived = {"entity_count", "persons", "organizations", "locations", "misc_entities",
                "entities_truncated", "section"};
        List<String> articlesBefore = kept(out, TableSchemas.ARTICLES, derived);
        List<String> duplicatesBefore = kept(out, TableSchemas.DUPLICATES, "section");
        List<String> untouched = TableSnapshot.of(spark(), out.toString(), List.of(TableSchemas.REJECTS,
                TableSchemas.PARAGRAPH_INDEX, TableSchemas.RUNS));
        List<String> entitiesBefore = TableSnapshot.of(spark(), out.toString(), List.of(TableSchemas.ENTITIES));

        Reprocess.Result r = Reprocess.run(spark(), cfg(out), NIGHT, NIGHT);
        assertThat(r.nights()).singleElement().satisfies(n -> {
            assertThat(n.runDate()).isEqualTo(NIGHT);
            assertThat(n.articles()).isEqualTo(19);
            assertThat(n.duplicates()).isEqualTo(1);
        });

        // Nothing but the derived columns changed.
        assertThat(kept(out, TableSchemas.ARTICLES, derived)).isEqualTo(articlesBefore);
        assertThat(kept(out, TableSchemas.DUPLICATES, "section")).isEqualTo(duplicatesBefore);
        assertThat(TableSnapshot.of(spark(), out.toString(), List.of(TableSchemas.REJECTS, TableSchemas.PARAGRAPH_INDEX,
                TableSchemas.RUNS))).isEqualTo(untouched);

        // The entities are this build's tagger's: its spans and types, article by article.
        JobConfig cfg = cfg(out);
        EntityTagger tagger = new EntityTagger(NerModel.load(""), Gazetteer.load(""), cfg.entities().budget(),
                io.newsetl.names.Aliases.load(""));
        TreeSet<String> expected = new TreeSet<>();
        for (Row a : TableWriter.read(spark(), out.toString(), TableSchemas.ARTICLES).collectAsList()) {
            for (EntityTagger.Mention m : tagger.tag(a.getAs("body"), a.getAs("language"))) {
                expected.add(a.getAs("article_id") + " " + m.start() + "-" + m.end() + " " + m.type() + " " + m.text());
            }
        }
        TreeSet<String> found = new TreeSet<>();
        for (Row e : TableWriter.read(spark(), out.toString(), TableSchemas.ENTITIES).collectAsList()) {
            found.add(e.getAs("article_id") + " " + e.getAs("start_char") + "-" + e.getAs("end_char") + " "
                    + e.getAs("type") + " " + e.getAs("text"));
        }
        assertThat(found).isEqualTo(expected).isNotEmpty();
        assertThat(TableSnapshot.of(spark(), out.toString(), List.of(TableSchemas.ENTITIES))).isNotEqualTo(entitiesBefore);
        // The articles' summary and the names table agree with the new entities.
        long mentions = TableWriter.read(spark(), out.toString(), TableSchemas.ENTITIES).count();
        assertThat(TableWriter.read(spark(), out.toString(), TableSchemas.ARTICLES).selectExpr("sum(entity_count)")
                .first().getLong(0)).isEqualTo(mentions);
        assertThat(TableWriter.read(spark(), out.toString(), TableSchemas.NAMES).selectExpr("sum(mentions)")
                .first().getLong(0)).isEqualTo(mentions);
        // And the section, from the source paths.
        assertThat(TableWriter.read(spark(), out.toString(), TableSchemas.ARTICLES)
                .where("source_path LIKE '%/bbc-style/tech/%'").first().<String>getAs("section")).isEqualTo("tech");

        // Idempotent.
        List<io.newsetl.output.TableSchema> all = new ArrayList<>(Reprocess.TABLES);
        List<String> once = TableSnapshot.of(spark(), out.toString(), all);
        Reprocess.run(spark(), cfg(out), NIGHT, NIGHT);
        assertThat(TableSnapshot.of(spark(), out.toString(), all)).isEqualTo(once);
        assertThat(out.resolve("_staging")).doesNotExist();

        // Never beside a night: the run lock.
        try (RunLock night = RunLock.acquire(spark().sparkContext().hadoopConfiguration(), out.toString(),
                "r20180531-night", 600)) {
            assertThatThrownBy(() -> Reprocess.run(spark(), cfg(out), NIGHT, NIGHT)).isInstanceOf(LockedException.class);
        }
        // A range without a committed night changes nothing.
        assertThat(Reprocess.run(spark(), cfg(out), LocalDate.parse("2019-01-01"), LocalDate.parse("2019-01-31"))
                .nights()).isEmpty();
    }
}
