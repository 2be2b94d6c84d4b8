package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.model.Body;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagBudgetTest {

    private final TagBudget budget = new TagBudget(100, 250);

    private List<int[]> read(String body) {
        return budget.ranges(body, Body.paragraphRanges(body));
    }

    @Test
    void aBodyWithinTheBudgetIsReadWhole() {
        String body = "Short lead.\n\nA second paragraph.";
        assertThat(read(body)).hasSize(2);
        assertThat(read(body).get(1)[1]).isEqualTo(body.length());
        assertThat(budget.truncates(body, Body.paragraphRanges(body))).isFalse();
    }

    @Test
    void aLongParagraphIsCutAtAWordBoundary() {
        String body = "word ".repeat(60);
        int[] r = read(body).get(0);
        assertThat(r[1] - r[0]).isLessThanOrEqualTo(100);
        assertThat(body.charAt(r[1])).isEqualTo(' ');
        assertThat(budget.truncates(body, Body.paragraphRanges(body))).isTrue();
    }

    @Test
    void paragraphsStopWhenTheDocumentBudgetIsSpent() {
        String body = String.join("\n\n", List.of("a".repeat(90), "b".repeat(90), "c".repeat(90), "d".repeat(90)));
        List<int[]> read = read(body);
        assertThat(read.stream().mapToInt(r -> r[1] - r[0]).sum()).isEqualTo(250);
        assertThat(read).hasSize(3);
        assertThat(budget.truncates(body, Body.paragraphRanges(body))).isTrue();
    }

    @Test
    void theTaggersWorkIsBoundedByTheBudgetNotByTheFile() {
        // The largest body the size cap allows as one paragraph (16 MiB of words), and as many short paragraphs.
        EntityTagger tagger = new EntityTagger(NerModel.load(""), Gazetteer.load(""), TagBudget.defaults());
        String oneParagraph = "Seoul officials met Kim Jong-un near Panmunjom again ".repeat((16 << 20) / 53);
        assertThat(tagger.tag(oneParagraph, "en")).isNotEmpty();
        assertThat(tagger.charsRead()).isLessThanOrEqualTo(TagBudget.defaults().maxParagraphChars());
        String manyParagraphs = "Seoul officials met Kim Jong-un near Panmunjom.\n\n".repeat((16 << 20) / 50);
        long before = tagger.charsRead();
        tagger.tag(manyParagraphs, "en");
        assertThat(tagger.charsRead() - before).isLessThanOrEqualTo(TagBudget.defaults().maxDocumentChars());
        long korean = tagger.charsRead();
        tagger.tag("서울에서 문재인 대통령이 회담을 열었다. ".repeat((16 << 20) / 22), "ko");
        assertThat(tagger.charsRead() - korean).isLessThanOrEqualTo(TagBudget.defaults().maxParagraphChars());
    }
}
