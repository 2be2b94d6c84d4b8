package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.model.Document;
import io.newsetl.testing.SparkStageTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class CorpusDedupTest extends SparkStageTest {

    private static final LocalDate NIGHT = LocalDate.parse("2018-05-30");
    private static final String LONG_A = "Negotiators from both Koreas met again on Monday to prepare the agenda of the summit.";
    private static final String LONG_B = "The delegation from Seoul was led by the vice minister, officials said on Monday evening.";
    private static final String LONG_C = "Analysts cautioned that any economic project would need exemptions from sanctions first.";
    private static final String LONG_D = "The presidential office said the leaders of all parties would be briefed on Wednesday.";

    static Document doc(String id, String publishedAt, String... paragraphs) {
        return doc(CorpusDedup.Settings.defaults(), id, publishedAt, paragraphs);
    }

    static Document doc(CorpusDedup.Settings s, String id, String publishedAt, String... paragraphs) {
        return docAt(s, id + ".txt", id, publishedAt, paragraphs);
    }

    /** A document at {@code file:/in/<relativePath>}. */
    static Document docAt(CorpusDedup.Settings s, String relativePath, String id, String publishedAt,
            String... paragraphs) {
        Document d = new Document();
        d.setDocumentId(id);
        d.setSourcePath("file:/in/" + relativePath);
        d.setPublishedAt(publishedAt == null ? null : Instant.parse(publishedAt));
        d.setRunDate(NIGHT);
        d.setParagraphs(List.of(paragraphs));
        return RepeatStage.withCanonicalKey(RepeatStage.apply(d), new io.newsetl.model.PathRules<>(s.sourcePriority()),
                s.defaultSourcePriority(), "file:/in/");
    }

    private Dataset<Document> ds(List<Document> docs, int partitions) {
        return spark().createDataset(docs, Encoders.bean(Document.class)).repartition(partitions);
    }

    private Dataset<Row> noHistory() {
        return spark().createDataFrame(List.of(), io.newsetl.output.TableSchemas.ARTICLES.structType())
                .select("article_id", "body_hash", "paragraph_hashes");
    }

    private Dataset<Row> noIndex() {
        return spark().createDataFrame(List.of(), io.newsetl.output.TableSchemas.PARAGRAPH_INDEX.structType())
                .select("paragraph_hash", "distinct_bodies");
    }

    /** id → duplicate_of/kind (or "canonical"), plus the kept bodies. */
    private Map<String, String> decide(List<Document> docs, int partitions, CorpusDedup.Settings s,
            Dataset<Row> history, Dataset<Row> index) {
        CorpusDedup.Result r = CorpusDedup.dedup(ds(docs, partitions), history,
                index, s, NIGHT);
        return r.all().collectAsList().stream().collect(Collectors.toMap(Document::getDocumentId,
                d -> d.getDuplicateOf() == null ? "canonical:" + d.getBoilerplateRemoved()
                        : d.getDuplicateKind() + ":" + d.getDuplicateOf() + ":" + Math.round(100 * d.getContainedShare()),
                (a, b) -> a, TreeMap::new));
    }

    private Map<String, String> decide(List<Document> docs) {
        return decide(docs, 2, CorpusDedup.Settings.defaults(), noHistory(), noIndex());
    }

    @Test
    void exactCopiesKeepTheEarliestPublished() {
        Map<String, String> d = decide(List.of(
                doc("a1", "2018-05-29T06:05:00Z", LONG_A, LONG_B),
                doc("b2", "2018-05-29T06:02:00Z", LONG_A, LONG_B),
                doc("c3", null, LONG_A, LONG_B)));
        assertThat(d).containsEntry("b2", "canonical:0").containsEntry("a1", "exact:b2:100")
                .containsEntry("c3", "exact:b2:100");
    }

    @Test
    void tiesGoToTheFirstPathWhateverTheIdsSoAMovedTreeKeepsItsCanonicals() {
        String t = "2018-05-29T06:02:00Z";
        // Ids hash absolute paths, so their order changes when the tree moves; the relative path order does not.
        Document original = docAt(CorpusDedup.Settings.defaults(), "2021/01/27/story.txt", "ffff", t, LONG_A);
        Document mirror = docAt(CorpusDedup.Settings.defaults(), "mirror/story-copy.txt", "0000", t, LONG_A);
        assertThat(decide(List.of(mirror, original))).containsEntry("ffff", "canonical:0")
                .containsEntry("0000", "exact:ffff:100");
    }

    @Test
    void tiesGoToSourcePriorityThenPath() {
        String t = "2018-05-29T06:02:00Z";
        assertThat(decide(List.of(doc("b", t, LONG_A), doc("a", t, LONG_A)))).containsEntry("a", "canonical:0")
                .containsEntry("b", "exact:a:100");
        CorpusDedup.Settings prefer = new CorpusDedup.Settings(0.8, 20, Map.of("**/b.txt", 1), 100, 64, 1000);
        assertThat(decide(List.of(doc(prefer, "b", t, LONG_A), doc(prefer, "a", t, LONG_A)), 2, prefer, noHistory(), noIndex()))
                .containsEntry("b", "canonical:0").containsEntry("a", "exact:b:100");
    }

    @Test
    void newLeadOrDroppedParagraphIsANearDuplicateButAQuoteIsNot() {
        Map<String, String> d = decide(List.of(
                doc("orig", "2018-05-29T06:00:00Z", LONG_A, LONG_B, LONG_C, LONG_D),
                doc("newlead", "2018-05-29T07:00:00Z", "A new short lead.", LONG_A, LONG_B, LONG_C, LONG_D),
                doc("dropped", "2018-05-29T08:00:00Z", LONG_A, LONG_B, LONG_D),
                doc("quote", "2018-05-29T09:00:00Z", "Our own reporting on the talks runs long and covers much else.",
                        LONG_A, "Another paragraph of our own, long enough to outweigh the quoted one in characters.")));
        assertThat(d.get("orig")).isEqualTo("canonical:0");
        assertThat(d.get("newlead")).startsWith("near:orig:");
        assertThat(d.get("dropped")).isEqualTo("near:orig:100");
        assertThat(d.get("quote")).isEqualTo("canonical:0");
    }

    @Test
    void nearDuplicateChainsPointOnlyAtCanonicalArticles() {
        String e = "Extra reporting paragraph number one, added by the second outlet for its readers.";
        String f = "Extra reporting paragraph number two, added by the third outlet with fresh quotes.";
        // b holds all of a plus one paragraph (a's share in ... b is ~80%); c holds b minus a's first paragraph plus f.
        Map<String, String> d = decide(List.of(
                doc("a", "2018-05-29T01:00:00Z", LONG_A, LONG_B, LONG_C, LONG_D),
                doc("b", "2018-05-29T02:00:00Z", LONG_A, LONG_B, LONG_C, LONG_D, e),
                doc("c", "2018-05-29T03:00:00Z", LONG_B, LONG_C, LONG_D, e, f)));
        assertThat(d.get("a")).isEqualTo("canonical:0");
        assertThat(d.get("b")).startsWith("near:a:");
        // c is 80% contained in b (a duplicate) but only 60% in a: it stays canonical.
        assertThat(d.get("c")).isEqualTo("canonical:0");
    }

    @Test
    void boilerplateIsRemovedCountedAndNeverMakesDuplicates() {
        String footer = "Copyright KBS. All rights reserved. Unauthorised redistribution is prohibited.";
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            docs.add(doc(String.format("s%02d", i), "2018-05-29T0" + (i % 10) + ":00:00Z",
                    "Story number " + i + " has its own distinct text about topic " + i + ".", footer));
        }
        Map<String, String> d = decide(docs);
        assertThat(d.values()).allMatch(v -> v.equals("canonical:1"));
        CorpusDedup.Result r = CorpusDedup.dedup(
                ds(docs, 3), noHistory(), noIndex(),
                CorpusDedup.Settings.defaults(), NIGHT);
        assertThat(r.all().collectAsList()).allSatisfy(x -> assertThat(x.getBody()).doesNotContain("Copyright"));
        List<Row> index = r.paragraphIndex().where("is_boilerplate").collectAsList();
        assertThat(index).hasSize(1);
        assertThat(index.get(0).<String>getAs("paragraph_hash")).isEqualTo(TextNormalizer.paragraphHash(footer).hex());
        assertThat(index.get(0).<Long>getAs("distinct_bodies")).isEqualTo(25L);
    }

    @Test
    void laterNightsDedupAgainstCommittedArticles() {
        Dataset<Row> history = spark().createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(
                        "old", doc("x", null, LONG_A, LONG_B).getBodyHash(),
                        doc("x", null, LONG_A, LONG_B, LONG_C).getParagraphHashes())),
                noHistory().schema());
        Map<String, String> d = decide(List.of(
                doc("copy", "2018-05-01T00:00:00Z", LONG_A, LONG_B),
                doc("near", "2018-05-30T00:00:00Z", "New lead.", LONG_A, LONG_B, LONG_C),
                doc("fresh", "2018-05-30T00:00:00Z", LONG_D)), 2, CorpusDedup.Settings.defaults(), history, noIndex());
        // Committed canonicals are never demoted, even by an earlier-published copy (backfill).
        assertThat(d.get("copy")).isEqualTo("exact:old:100");
        assertThat(d.get("near")).startsWith("near:old:");
        assertThat(d.get("fresh")).isEqualTo("canonical:0");
    }

    @Test
    void paragraphIndexCountsTonightsCarriersAndPointsAtTheirCanonical() {
        Dataset<Row> history = spark().createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(
                        "old", doc("x", null, LONG_A, LONG_B).getBodyHash(),
                        doc("x", null, LONG_A, LONG_B).getParagraphHashes())),
                noHistory().schema());
        String a = TextNormalizer.paragraphHash(LONG_A).hex();
        Dataset<Row> index = spark().createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(a, 5L)),
                noIndex().schema());
        List<Document> docs = List.of(
                doc("copy", "2018-05-01T00:00:00Z", LONG_A, LONG_B),
                doc("copy2", "2018-05-02T00:00:00Z", LONG_A, LONG_B),
                doc("near", "2018-05-30T00:00:00Z", "A new lead.", LONG_A, LONG_B),
                doc("fresh", "2018-05-30T00:00:00Z", LONG_C, LONG_D),
                doc("later", "2018-05-31T00:00:00Z", LONG_D));
        for (int partitions : new int[] {1, 3}) {
            CorpusDedup.Result r = CorpusDedup.dedup(ds(docs, partitions), history, index,
                    CorpusDedup.Settings.defaults(), NIGHT);
            Map<String, String> rows = r.paragraphIndex().collectAsList().stream().collect(Collectors.toMap(
                    x -> x.<String>getAs("paragraph_hash"),
                    x -> x.getAs("canonical_article_id") + " articles=" + x.getAs("articles") + " bodies="
                            + x.getAs("distinct_bodies") + "/" + x.getAs("distinct_bodies_total") + " boilerplate="
                            + x.getAs("is_boilerplate") + " " + x.getAs("run_date"),
                    (x, y) -> x + " AND " + y, TreeMap::new));
            r.release();
            // The first carrier of A and B tonight is an exact copy of the committed "old"; "near" is contained in it.
            assertThat(rows).containsExactlyInAnyOrderEntriesOf(Map.of(
                    a, "old articles=3 bodies=2/7 boilerplate=false 2018-05-30",
                    TextNormalizer.paragraphHash(LONG_B).hex(), "old articles=3 bodies=2/2 boilerplate=false 2018-05-30",
                    TextNormalizer.paragraphHash("A new lead.").hex(), "old articles=1 bodies=1/1 boilerplate=false 2018-05-30",
                    TextNormalizer.paragraphHash(LONG_C).hex(), "fresh articles=1 bodies=1/1 boilerplate=false 2018-05-30",
                    TextNormalizer.paragraphHash(LONG_D).hex(), "fresh articles=2 bodies=2/2 boilerplate=false 2018-05-30"));
        }
    }

    @Test
    void sameDecisionsWhateverThePartitioningAndOrder() {
        String footer = "Follow us for more news from the peninsula and the world, every day of the week.";
        List<Document> docs = new ArrayList<>();
        Random rnd = new Random(7);
        // 8 stories of 4 paragraphs; each article is a story as is, with a new lead, or with a paragraph dropped.
        for (int i = 0; i < 60; i++) {
            int story = rnd.nextInt(8);
            List<String> ps = new ArrayList<>();
            int variant = rnd.nextInt(3);
            if (variant == 1) {
                ps.add("Lead " + i + " written by another desk.");
            }
            for (int p = 0; p < 4; p++) {
                if (!(variant == 2 && p == 3)) {
                    ps.add("Story " + story + " paragraph " + p + " with enough words to weigh like a real one.");
                }
            }
            ps.add(footer);
            String stamp = rnd.nextInt(5) == 0 ? null : "2018-05-29T0" + rnd.nextInt(10) + ":00:00Z";
            docs.add(doc(String.format("d%02d", i), stamp, ps.toArray(String[]::new)));
        }
        Map<String, String> one = decide(docs, 1, CorpusDedup.Settings.defaults(), noHistory(), noIndex());
        List<Document> shuffled = new ArrayList<>(docs);
        Collections.shuffle(shuffled, new Random(42));
        assertThat(decide(shuffled, 3, CorpusDedup.Settings.defaults(), noHistory(), noIndex())).isEqualTo(one);
        assertThat(decide(shuffled, 16, CorpusDedup.Settings.defaults(), noHistory(), noIndex())).isEqualTo(one);
        assertThat(one.values()).anyMatch(v -> v.startsWith("exact")).anyMatch(v -> v.startsWith("near"))
                .anyMatch(v -> v.startsWith("canonical"));
        // About one canonical per story (a full copy is only 75% contained in an earlier shortened one, so a story
        // can keep two), the footer removed from each as boilerplate.
        assertThat(one.values().stream().filter(v -> v.startsWith("canonical")).toList())
                .hasSizeBetween(8, 16).allMatch(v -> v.equals("canonical:1"));
    }

    @Test
    void anArticleBringsAtMostMaxParagraphsIntoTheComparison() {
        CorpusDedup.Settings s = new CorpusDedup.Settings(0.8, 20, Map.of(), 100, 64, 50);
        String[] many = new String[120];
        for (int i = 0; i < many.length; i++) {
            many[i] = "Paragraph " + i + " of a page that goes on and on with distinct text.";
        }
        Document big = doc(s, "big", "2018-05-29T06:00:00Z", many);
        // The same page one paragraph shorter at the end: only the first 50 are compared, and all are shared.
        Document copy = doc(s, "copy", "2018-05-29T07:00:00Z", java.util.Arrays.copyOf(many, 119));
        Dataset<Row> keys = CorpusDedup.keys(ds(List.of(big, copy), 2), s.maxParagraphs());
        // The work counter: paragraph rows one article can put into the joins.
        assertThat(keys.collectAsList()).allSatisfy(r -> {
            assertThat(r.<scala.collection.Seq<String>>getAs("paragraphHashes").size()).isEqualTo(50);
            assertThat(r.<scala.collection.Seq<Integer>>getAs("paragraphChars").size()).isEqualTo(50);
        });
        assertThat(s.truncates(big.getParagraphsKept())).isTrue();
        assertThat(s.truncates(50)).isFalse();
        assertThat(decide(List.of(big, copy), 2, s, noHistory(), noIndex())).containsEntry("big", "canonical:0")
                .containsEntry("copy", "near:big:100");
    }

    @Test
    void anExactCopyOfANearCopyPointsAtTheCanonicalOriginal() {
        Map<String, String> d = decide(List.of(
                doc("y", "2018-05-29T06:00:00Z", LONG_A, LONG_B, LONG_C, LONG_D),
                doc("x1", "2018-05-29T07:00:00Z", "A new lead.", LONG_A, LONG_B, LONG_C, LONG_D),
                doc("x2", "2018-05-29T08:00:00Z", "A new lead.", LONG_A, LONG_B, LONG_C, LONG_D)));
        assertThat(d.get("y")).isEqualTo("canonical:0");
        assertThat(d.get("x1")).startsWith("near:y:");
        assertThat(d.get("x2")).isEqualTo(d.get("x1"));
    }
}
