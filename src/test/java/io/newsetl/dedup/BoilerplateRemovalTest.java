package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.model.Document;
import io.newsetl.testing.SparkStageTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class BoilerplateRemovalTest extends SparkStageTest {

    private static Document doc(String id, String... paragraphs) {
        Document d = new Document();
        d.setDocumentId(id);
        d.setParagraphs(List.of(paragraphs));
        return RepeatStage.apply(d);
    }

    @Test
    void removesBoilerplateAndKeepsColumnsAligned() {
        String footer = "Subscribe to our newsletter.";
        String hash = TextNormalizer.paragraphHash(footer).hex();
        Document a = doc("a", "Story lead 😀.", footer, "Story end.");
        Document b = doc("b", "Another story.", "Without any footer.");
        String bodyHashA = a.getBodyHash();
        var docs = spark().createDataset(List.of(a, b), Encoders.bean(Document.class)).toDF().repartition(2);
        var set = new org.apache.spark.api.java.JavaSparkContext(spark().sparkContext()).broadcast(java.util.Set.of(hash));
        Map<String, Row> out = CorpusDedup.withoutBoilerplate(docs, set).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("documentId"), r -> r));

        Row ra = out.get("a");
        assertThat(ra.<String>getAs("body")).isEqualTo("Story lead 😀.\n\nStory end.");
        assertThat(ra.<Integer>getAs("bodyChars")).isEqualTo("Story lead 😀.\n\nStory end.".length());
        assertThat(ra.<scala.collection.Seq<String>>getAs("paragraphHashes").size()).isEqualTo(2);
        assertThat(ra.<scala.collection.Seq<String>>getAs("paragraphHashes").contains(hash)).isFalse();
        assertThat(ra.<scala.collection.Seq<Integer>>getAs("paragraphChars").mkString(","))
                .isEqualTo("Story lead 😀.".length() + "," + "Story end.".length());
        assertThat(ra.<Integer>getAs("boilerplateRemoved")).isEqualTo(1);
        assertThat(ra.<Integer>getAs("paragraphsKept")).isEqualTo(2);
        assertThat(ra.<String>getAs("bodyHash")).as("body_hash stays the pre-boilerplate identity").isEqualTo(bodyHashA);

        Row rb = out.get("b");
        assertThat(rb.<String>getAs("body")).isEqualTo(b.getBody());
        assertThat(rb.<Integer>getAs("bodyChars")).isEqualTo(b.getBodyChars());
        assertThat(rb.<Integer>getAs("boilerplateRemoved")).isZero();
    }
}
