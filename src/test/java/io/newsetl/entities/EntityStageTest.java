package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.model.Document;
import io.newsetl.testing.SparkStageTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class EntityStageTest extends SparkStageTest {

    private static Document article(String id, String language, String body) {
        Document d = new Document();
        d.setDocumentId(id);
        d.setLanguage(language);
        d.setBody(body);
        d.setRunId("r20180530-test");
        d.setRunDate(LocalDate.parse("2018-05-30"));
        d.setPubDate(LocalDate.parse("2018-05-29"));
        return d;
    }

    @Test
    void tagsEachArticleAndSummarisesPerType() {
        Dataset<Document> articles = spark().createDataset(List.of(
                article("a", "en", "Mike Pompeo flew to Pyongyang.\n\nTrump said Pompeo would return."),
                article("b", "ko", "문재인 대통령은 평양에 도착했다."),
                article("c", "en", "nothing to see here.")), Encoders.bean(Document.class)).repartition(2);
        Dataset<EntityMention> mentions = EntityStage.tag(articles, "", "", TagBudget.defaults());
        List<EntityMention> rows = mentions.collectAsList();
        assertThat(rows).filteredOn(m -> m.getArticleId().equals("a"))
                .extracting(m -> m.getParagraphIndex() + ":" + m.getText() + "/" + m.getCanonical())
                .containsExactlyInAnyOrder("0:Mike Pompeo/Mike Pompeo", "0:Pyongyang/Pyongyang",
                        "1:Trump/Donald Trump", "1:Pompeo/Mike Pompeo");
        assertThat(rows).allSatisfy(m -> {
            assertThat(m.getPubDate()).isEqualTo(LocalDate.parse("2018-05-29"));
            assertThat(m.getRunId()).isEqualTo("r20180530-test");
        });

        Map<String, Row> summary = EntityStage.withSummary(articles, mentions, TagBudget.defaults()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("documentId"), r -> r));
        assertThat(summary.get("a").<Long>getAs("entityCount")).isEqualTo(4L);
        assertThat(summary.get("a").<scala.collection.Seq<String>>getAs("persons").mkString(","))
                .isEqualTo("Donald Trump,Mike Pompeo");
        assertThat(summary.get("b").<scala.collection.Seq<String>>getAs("locations").mkString(","))
                .isEqualTo("Pyongyang");
        assertThat(summary.get("c").<Long>getAs("entityCount")).isZero();
        assertThat(summary.get("c").<scala.collection.Seq<String>>getAs("organizations").isEmpty()).isTrue();
    }

    private static EntityMention mention(String article, int start, String text, String canonical) {
        return new EntityMention(article, 0, start, start + text.length(), text, "PER", canonical, null, "model", 0.9,
                "r", LocalDate.parse("2018-05-30"), LocalDate.parse("2018-05-29"));
    }

    @Test
    void linksBareSurnamesAcrossTheNightOnlyWhereTheArticleNamesNoOneInFull() {
        List<EntityMention> in = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Resolved in the article: "Blair" beside "Tony Blair", "Brown" beside "Gordon Brown".
            in.add(mention("full" + i, 0, "Tony Blair", "Tony Blair"));
            in.add(mention("full" + i, 12, "Blair", "Tony Blair"));
            in.add(mention("full" + i, 20, "Gordon Brown", "Gordon Brown"));
            in.add(mention("full" + i, 34, "Brown", "Gordon Brown"));
        }
        in.add(mention("both", 0, "Gordon Brown", "Gordon Brown"));
        in.add(mention("both", 20, "Nick Brown", "Nick Brown"));
        in.add(mention("both", 40, "Brown", "Brown"));
        in.add(mention("other", 0, "Nick Brown", "Nick Brown"));
        in.add(mention("rare", 0, "Ana Silva", "Ana Silva"));
        in.add(mention("rare", 10, "Silva", "Ana Silva"));
        in.add(mention("rare-short", 0, "Silva", "Silva"));
        in.add(mention("short", 0, "Blair", "Blair"));
        in.add(mention("short", 10, "Brown", "Brown"));
        in.add(mention("ambiguous", 0, "Cherie Blair", "Cherie Blair"));
        in.add(mention("ambiguous", 20, "Blair", "Blair"));
        EntityMention orgTyped = mention("typed", 0, "Euan Blair", "Euan Blair");
        orgTyped.setType("ORG");
        in.add(orgTyped);
        in.add(mention("typed", 20, "Blair", "Blair"));
        Dataset<EntityMention> linked = EntityStage.linkAcrossArticles(
                spark().createDataset(in, Encoders.bean(EntityMention.class)).repartition(3));
        Map<String, String> got = linked.collectAsList().stream().collect(Collectors.toMap(
                m -> m.getArticleId() + "@" + m.getStartChar(), EntityMention::getCanonical));
        assertThat(got).hasSize(in.size()).containsEntry("short@0", "Tony Blair")
                .containsEntry("short@10", "Gordon Brown").containsEntry("ambiguous@20", "Blair")
                .containsEntry("typed@20", "Blair").containsEntry("both@40", "Brown")
                .containsEntry("rare-short@0", "Silva")
                .containsEntry("full0@0", "Tony Blair").containsEntry("other@0", "Nick Brown");
    }

    @Test
    void namesCountTheWrittenFormsMentionsAndArticlesPerDate() {
        List<EntityMention> in = List.of(mention("a", 0, "Tony Blair", "Tony Blair"), mention("a", 20, "Blair", "Tony Blair"),
                mention("a", 30, "Blair", "Tony Blair"), mention("b", 0, "Blair", "Tony Blair"),
                mention("b", 10, "Gordon Brown", "Gordon Brown"));
        List<Row> rows = EntityStage.names(spark().createDataset(in, Encoders.bean(EntityMention.class)).repartition(3))
                .orderBy("canonical").collectAsList();
        assertThat(rows).hasSize(2);
        Row blair = rows.get(1);
        assertThat(blair.<String>getAs("canonical")).isEqualTo("Tony Blair");
        assertThat(blair.<Long>getAs("mentions")).isEqualTo(4L);
        assertThat(blair.<Long>getAs("articles")).isEqualTo(2L);
        assertThat(scala.collection.JavaConverters.mapAsJavaMapConverter(
                blair.<scala.collection.Map<String, Long>>getAs("variants")).asJava())
                .containsExactlyInAnyOrderEntriesOf(Map.of("Blair", 3L, "Tony Blair", 1L));
        assertThat(blair.<String>getAs("runId")).isEqualTo("r");
    }
}
