package io.newsetl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.model.Document;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BoilerplateRemoverTest {

    @Test
    void removesBoilerplateAndKeepsColumnsAligned() {
        Document d = new Document();
        d.setParagraphs(List.of("Story lead.", "Subscribe to our newsletter.", "Story end."));
        RepeatStage.apply(d);
        String footer = ContentHasher.paragraphHash("Subscribe to our newsletter.").hex();
        String bodyHash = d.getBodyHash();
        BoilerplateRemover.apply(d, Set.of(footer));
        assertThat(d.getBody()).isEqualTo("Story lead.\n\nStory end.");
        assertThat(d.getParagraphHashes()).hasSize(2).doesNotContain(footer);
        assertThat(d.getParagraphChars()).containsExactly(11, 10);
        assertThat(d.getBoilerplateRemoved()).isEqualTo(1);
        assertThat(d.getParagraphsKept()).isEqualTo(2);
        assertThat(d.getBodyHash()).as("body_hash stays the pre-boilerplate identity").isEqualTo(bodyHash);
    }
}
