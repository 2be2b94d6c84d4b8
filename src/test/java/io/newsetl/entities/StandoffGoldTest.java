package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandoffGoldTest {

    private static final String TEXT = "Tony Blair met Gordon Brown in London.\n\nThe BBC reported it.\n";

    private static Path gold(Path dir, String sha) throws Exception {
        return Files.writeString(dir.resolve("gold.tsv"), String.join("\n", "# a comment", "path\tsha256\tstart\tend\ttype",
                "news/a.txt\t" + sha + "\t0\t10\tPER", "news/a.txt\t" + sha + "\t15\t27\tPER",
                "news/a.txt\t" + sha + "\t31\t37\tLOC", "news/a.txt\t" + sha + "\t44\t47\tORG", ""));
    }

    @Test
    void offsetsAreUtf16IntoTheFileAndScoringIsExactSpanAndType(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("corpus/news"));
        Files.writeString(dir.resolve("corpus/news/a.txt"), TEXT);
        String sha = StandoffGold.sha256(TEXT.getBytes(StandardCharsets.UTF_8));
        StandoffGold set = StandoffGold.load(gold(dir, sha), dir.resolve("corpus"));
        assertThat(set.problems()).isEmpty();
        StandoffGold.Doc d = set.docs().get(0);
        assertThat(d.gold()).extracting(s -> d.text().substring(s.getStart(), s.getEnd()))
                .containsExactly("Tony Blair", "Gordon Brown", "London", "BBC");
        // Right span, wrong type; a missed mention; one extra.
        NerEvaluator.Result r = set.evaluate(text -> List.of(new Span(0, 10, "PER"), new Span(15, 27, "ORG"),
                new Span(31, 37, "LOC"), new Span(48, 56, "MISC")));
        assertThat(r.score().overall().correct()).isEqualTo(2);
        assertThat(r.score().overall().gold()).isEqualTo(4);
        assertThat(r.score().overall().predicted()).isEqualTo(4);
        assertThat(r.tokens()).isGreaterThan(10);
    }

    @Test
    void aChangedFileIsReportedAndLeftOut(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("corpus/news"));
        Files.writeString(dir.resolve("corpus/news/a.txt"), TEXT.replace("Tony", "Toni"));
        StandoffGold set = StandoffGold.load(gold(dir, StandoffGold.sha256(TEXT.getBytes(StandardCharsets.UTF_8))),
                dir.resolve("corpus"));
        assertThat(set.docs()).isEmpty();
        assertThat(set.problems()).singleElement().asString().contains("SHA-256");
    }

    @Test
    void theBbcGoldSetsMatchTheCorpus() {
        Path bbc = SharedData.require("bbc");
        for (String set : List.of("bbc-ner-test.tsv", "bbc-ner-dev.tsv", "bbc-ner-train.tsv")) {
            StandoffGold g = StandoffGold.load(Path.of("src/test/resources/io/newsetl/entities/" + set), bbc);
            assertThat(g.problems()).as(set).isEmpty();
            assertThat(g.docs()).as(set).hasSizeGreaterThanOrEqualTo(20);
            // Every mention is a trimmed, non-empty stretch of text.
            g.docs().forEach(d -> d.gold().forEach(s -> assertThat(d.text().substring(s.getStart(), s.getEnd()))
                    .as(set + " " + d.path()).isNotBlank().isEqualTo(d.text().substring(s.getStart(), s.getEnd()).strip())));
        }
    }

    @Test
    void goldBecomesTrainingTagsOnTheJobsTokens(@TempDir Path dir) throws Exception {
        String text = "Tony Blair met US-based Sony .\n";
        Files.createDirectories(dir.resolve("corpus/news"));
        Files.writeString(dir.resolve("corpus/news/a.txt"), text);
        String sha = StandoffGold.sha256(text.getBytes(StandardCharsets.UTF_8));
        Path tsv = Files.writeString(dir.resolve("train.tsv"), String.join("\n", "news/a.txt\t" + sha + "\t0\t10\tPER",
                "news/a.txt\t" + sha + "\t15\t17\tLOC", "news/a.txt\t" + sha + "\t24\t28\tORG", ""));
        StandoffGold.Training t = StandoffGold.load(tsv, dir.resolve("corpus")).training();
        ConllCorpus.Sentence s = t.documents().get(0).sentences().get(0);
        assertThat(s.tokens()).containsExactly("Tony", "Blair", "met", "US-based", "Sony", ".");
        // "US" ends inside the token US-based: it cannot be a token tag, so it stays O and is counted.
        assertThat(s.tags()).containsExactly("B-PER", "I-PER", "O", "O", "B-ORG", "O");
        assertThat(t.mentions()).isEqualTo(3);
        assertThat(t.unaligned()).isEqualTo(1);
    }

    @Test
    void theTrainingSetSharesNoFileWithTheScoredSets() throws Exception {
        Path dir = Path.of("src/test/resources/io/newsetl/entities");
        java.util.function.Function<String, java.util.Set<String>> files = name -> {
            try (var lines = Files.lines(dir.resolve(name))) {
                return lines.filter(l -> !l.startsWith("#") && !l.startsWith("path\t") && !l.isBlank())
                        .map(l -> l.substring(0, l.indexOf('\t'))).collect(java.util.stream.Collectors.toSet());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        java.util.Set<String> train = files.apply("bbc-ner-train.tsv");
        assertThat(train).hasSizeGreaterThanOrEqualTo(100);
        assertThat(train).doesNotContainAnyElementsOf(files.apply("bbc-ner-test.tsv"))
                .doesNotContainAnyElementsOf(files.apply("bbc-ner-dev.tsv"));
    }
}
