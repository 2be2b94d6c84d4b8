package io.newsetl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BbcParserTest {

    private final BbcParser parser = new BbcParser();

    @Test
    void headlineThenBlankLineSeparatedParagraphs() throws Exception {
        String text = Files.readString(SharedData.sampleCorpus().resolve("bbc-style/tech/phone-sales.txt"));
        assertThat(parser.recognises(text)).isTrue();
        ParsedArticle a = parser.parse(text);
        assertThat(a.title()).isEqualTo("Mobile phone sales hit record");
        assertThat(a.headerVariant()).isEqualTo("headline");
        assertThat(a.paragraphs()).hasSize(3);
        assertThat(a.publishedAt()).isNull();
    }

    @Test
    void linesInsideAParagraphStayInIt() {
        ParsedArticle a = parser.parse("Headline\n\nline one\nline two\n\n\nnext");
        assertThat(a.paragraphs()).containsExactly("line one\nline two", "next");
    }

    @Test
    void detectionPrefersKbsSignalsThenBbcThenPlain() throws Exception {
        FormatDetector auto = new FormatDetector("auto", Map.of(), KbsRules.defaults());
        String kbs = Files.readString(SharedData.sampleCorpus().resolve("2019/03/04/fine-dust.txt"));
        String bbc = Files.readString(SharedData.sampleCorpus().resolve("bbc-style/tech/phone-sales.txt"));
        assertThat(auto.parserFor("file:/a.txt", kbs).name()).isEqualTo("kbs");
        assertThat(auto.parserFor("file:/b.txt", bbc).name()).isEqualTo("bbc");
        assertThat(auto.parserFor("file:/c.txt", "One long line without a headline.").name()).isEqualTo("plain");
        FormatDetector pinned = new FormatDetector("auto", Map.of("**/pinned/**", "plain"), KbsRules.defaults());
        assertThat(pinned.parserFor("file:/in/pinned/x.txt", bbc).name()).isEqualTo("plain");
        assertThat(pinned.parserFor("hdfs://nn:8020/in/pinned/x.txt", bbc).name()).isEqualTo("plain");
        assertThat(pinned.parserFor("file:/in/other/x.txt", bbc).name()).isEqualTo("bbc");
    }

    @Test
    void realBbcFileParses() throws Exception {
        String text = new String(Files.readAllBytes(SharedData.require("bbc/business/001.txt")), StandardCharsets.UTF_8);
        ParsedArticle a = new FormatDetector("auto", Map.of(), KbsRules.defaults()).parserFor("file:/x", text).parse(text);
        assertThat(a.format()).isEqualTo("bbc");
        assertThat(a.title()).isEqualTo("Ad sales boost Time Warner profit");
        assertThat(a.paragraphs()).hasSize(5);
    }
}
