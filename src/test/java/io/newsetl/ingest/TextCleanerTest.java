package io.newsetl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

    @Test
    void unifiesLineBreaksAndDropsControlCharacters() {
        assertThat(TextCleaner.clean("\uFEFFdate 2018-05-29\r\nline two\rline three\fpage"))
                .isEqualTo("date 2018-05-29\nline two\nline three\npage");
        assertThat(TextCleaner.clean("a\u0000b\u0007c\u0085d\u007Fe\tf")).isEqualTo("abcde\tf");
    }

    @Test
    void cleanTextIsReturnedAsItIs() {
        String text = "입력 2018.05.29 (15:02)\n\tThe talks resumed.";
        assertThat(TextCleaner.clean(text)).isSameAs(text);
        assertThat(TextCleaner.clean("")).isEmpty();
    }
}
