package io.newsetl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.dedup.RepeatRemover;
import io.newsetl.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KbsParserTest {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private final KbsParser parser = new KbsParser(KbsRules.defaults());

    static Instant kst(String isoLocal) {
        return LocalDateTime.parse(isoLocal).atZone(KST).toInstant();
    }

    static String sample(String relative) throws IOException {
        return Files.readString(SharedData.sampleCorpus().resolve(relative), StandardCharsets.UTF_8);
    }

    @Test
    void seedArticle() throws IOException {
        Path seed = SharedData.require("seed/kbs-2018-05-29-back-on-track.txt");
        ParsedArticle a = parser.parse(Files.readString(seed));
        assertThat(a.title()).isEqualTo("Back on Track");
        assertThat(a.program()).isEqualTo("News Today");
        assertThat(a.publishedAt()).isEqualTo(kst("2018-05-29T15:02"));
        assertThat(a.modifiedAt()).isEqualTo(kst("2018-05-29T15:26"));
        assertThat(a.headerVariant()).isEqualTo("one_line");
        assertThat(a.paragraphs()).hasSize(3);
        RepeatRemover.Result r = RepeatRemover.apply(a.paragraphs());
        assertThat(r.kept()).hasSize(2);
        assertThat(r.kept().get(0)).startsWith("Working level talks between North Korea");
        assertThat(r.kept().get(1)).hasSize(1593);
        assertThat(r.removed()).isEqualTo(1);
    }

    @Test
    void oneLineHeaderWithRepeatedLongParagraph() throws IOException {
        ParsedArticle a = parser.parse(sample("2018/05/14/inter-korean-talks.txt"));
        assertThat(a.headerVariant()).isEqualTo("one_line");
        assertThat(a.title()).isEqualTo("Inter-Korean Talks Resume");
        assertThat(a.program()).isEqualTo("News Today");
        assertThat(a.publishedAt()).isEqualTo(kst("2018-05-14T15:02"));
        assertThat(a.modifiedAt()).isEqualTo(kst("2018-05-14T15:26"));
        assertThat(a.datePrefix()).isEqualTo("2018-05-14");
        assertThat(a.paragraphs()).hasSize(3);
        assertThat(a.paragraphs().get(1)).isEqualTo(a.paragraphs().get(2));
    }

    @Test
    void noDatePrefixAndBodyRepeatedAfterBareTitleLine() throws IOException {
        ParsedArticle a = parser.parse(sample("2018/05/17/rates-on-hold.txt"));
        assertThat(a.headerVariant()).isEqualTo("one_line_no_date");
        assertThat(a.title()).isEqualTo("Rates on Hold");
        assertThat(a.datePrefix()).isNull();
        assertThat(a.headerBlocksInBody()).isEqualTo(1);
        assertThat(a.paragraphs()).hasSize(4).noneMatch(p -> p.equals("Rates on Hold"));
    }

    @Test
    void multiLineHeaderWithLayoutLabelAndProgramAfterStamps() throws IOException {
        ParsedArticle a = parser.parse(sample("2021/02/15/holiday-cases.txt"));
        assertThat(a.headerVariant()).isEqualTo("multi_line");
        assertThat(a.title()).isEqualTo("NEW INFECTIONS AFTER THE HOLIDAY");
        assertThat(a.program()).isEqualTo("News Today");
        assertThat(a.publishedAt()).isEqualTo(kst("2021-02-15T14:56"));
        assertThat(a.paragraphs()).first().isEqualTo("[Anchor Lead]");
        assertThat(a.paragraphs()).noneMatch(p -> p.contains("기사 본문 영역") || p.contains("입력"));
    }

    @Test
    void isoStampsWithSeconds() throws IOException {
        ParsedArticle a = parser.parse(sample("2021/01/27/vaccine-plan.txt"));
        assertThat(a.headerVariant()).isEqualTo("iso_stamps");
        assertThat(a.title()).isEqualTo("Vaccine Plan Unveiled");
        assertThat(a.publishedAt()).isEqualTo(kst("2021-01-27T15:06:20"));
        assertThat(a.modifiedAt()).isEqualTo(kst("2021-01-27T16:46:11"));
    }

    @Test
    void stampsOnSeparateLinesWithoutProgram() throws IOException {
        ParsedArticle a = parser.parse(sample("2019/03/04/fine-dust.txt"));
        assertThat(a.headerVariant()).isEqualTo("split_stamps");
        assertThat(a.title()).isEqualTo("Fine Dust Warning");
        assertThat(a.program()).isNull();
        assertThat(a.publishedAt()).isEqualTo(kst("2019-03-04T09:12"));
        assertThat(a.modifiedAt()).isEqualTo(kst("2019-03-04T11:30"));
        assertThat(a.paragraphs()).hasSize(2);
    }

    @Test
    void monthOnlyDateHasNoTitleAndKeepsTheRestAsBody() throws IOException {
        ParsedArticle a = parser.parse(sample("2019/07/world-german-brief.txt"));
        assertThat(a.headerVariant()).isEqualTo("month_only");
        assertThat(a.title()).isNull();
        assertThat(a.datePrefix()).isEqualTo("2019-07");
        assertThat(a.paragraphs()).first().isEqualTo("Photo : YONHAP News");
        assertThat(a.pubDate(KST, java.time.LocalDate.parse("2019-08-01")).source()).isEqualTo("run_date");
    }

    @Test
    void kbsWorldWriteUpdateStamps() throws IOException {
        ParsedArticle a = parser.parse(sample("2018/05/28/world-summit-prep.txt"));
        assertThat(a.headerVariant()).isEqualTo("kbs_world");
        assertThat(a.title()).isEqualTo("Summit Preparations Continue");
        assertThat(a.publishedAt()).isEqualTo(kst("2018-05-28T08:42:11"));
        assertThat(a.modifiedAt()).isEqualTo(kst("2018-05-28T11:24:56"));
    }

    @Test
    void labelOnlyHeaderHasNoTitleNoStamps() throws IOException {
        ParsedArticle a = parser.parse(sample("2020/02/20/briefs.txt"));
        assertThat(a.headerVariant()).isEqualTo("no_title");
        assertThat(a.title()).isNull();
        assertThat(a.publishedAt()).isNull();
        assertThat(a.pubDate(KST, java.time.LocalDate.parse("2020-03-01")))
                .isEqualTo(new ParsedArticle.PubDate(java.time.LocalDate.parse("2020-02-20"), "date_prefix", null, null));
        assertThat(a.paragraphs()).first().isEqualTo("[Anchor Lead]");
    }

    @Test
    void pageChromeAndStrayFootersNeverReachTheBody() throws IOException {
        ParsedArticle a = parser.parse(sample("2019/07/10/export-curbs.txt"));
        assertThat(a.title()).isEqualTo("EXPORT CURBS TAKE EFFECT");
        assertThat(a.chromeLines()).isEqualTo(9);
        assertThat(a.paragraphs()).hasSize(2).allMatch(p -> p.matches("[A-Z].*\\."));
        ParsedArticle tts = parser.parse(sample("2018/01/03/restoring-ties.txt"));
        assertThat(tts.headerVariant()).isEqualTo("multi_line_no_date");
        assertThat(tts.title()).isEqualTo("Restoring Ties");
        assertThat(tts.paragraphs()).hasSize(2).noneMatch(p -> p.contains("크롬") || p.contains("브라우저"));
    }

    @Test
    void secondHeaderBlockInsideTheBodyIsAHeaderNotAParagraph() throws IOException {
        ParsedArticle a = parser.parse(sample("2018/08/22/approaching-typhoon.txt"));
        assertThat(a.title()).isEqualTo("Approaching Typhoon");
        assertThat(a.headerBlocksInBody()).isEqualTo(2);
        assertThat(a.paragraphs()).hasSize(4).noneMatch(p -> p.contains("입력") || p.equals("Approaching Typhoon"));
        assertThat(RepeatRemover.apply(a.paragraphs()).kept()).hasSize(2);
    }

    @Test
    void otherSitesWithTheDatePrefixGiveATitleOnly() throws IOException {
        ParsedArticle a = parser.parse(sample("2018/05/28/other-site-panmunjom.txt"));
        assertThat(a.headerVariant()).isEqualTo("title_only");
        assertThat(a.title()).isEqualTo("US officials in summit-planning talks with North Korea at Panmunjom");
    }

    @Test
    void impossibleDatesLeaveTheStampNullAndTheArticleIntact() {
        ParsedArticle a = parser.parse(" date 2018-13-45 Odd Page News Today 입력 2018.13.45 (25:61) 수정 2018.05.29 (15:26)\n\nBody.");
        assertThat(a.title()).isEqualTo("Odd Page");
        assertThat(a.publishedAt()).isNull();
        assertThat(a.modifiedAt()).isEqualTo(kst("2018-05-29T15:26"));
        assertThat(a.pubDate(KST, java.time.LocalDate.parse("2018-06-01")).source()).isEqualTo("run_date");
        assertThat(a.paragraphs()).containsExactly("Body.");
    }

    @Test
    void textWithoutAnyHeaderIsUnknownAndAllBody() {
        ParsedArticle a = parser.parse("First paragraph.\nSecond paragraph.");
        assertThat(a.headerVariant()).isEqualTo("unknown");
        assertThat(a.paragraphs()).containsExactly("First paragraph.", "Second paragraph.");
    }

    /** Expected fields of each real header block in ../shared/data/kbs-headers/observed_headers.tsv. */
    @ParameterizedTest(name = "observed header {0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            1 | one_line           | NORTH KOREAN COVERAGE OF SUMMIT       | News Today | 2019-07-02T15:17 | 2019-07-02T17:10 | 2019-07-02
            2 | one_line           | Delivering Peace                      | News Today | 2018-09-17T15:03 | 2018-09-17T15:07 | 2018-09-17
            3 | one_line           | Summit in Pyongyang                   | News Today | 2018-08-14T15:07 | 2018-08-14T15:34 | 2018-08-14
            4 | one_line           | Approaching Typhoon                   | News Today | 2018-08-22T15:02 | 2018-08-22T15:13 | 2018-08-22
            5 | one_line           | Working-level Talks                   | News Today | 2019-02-18T15:27 | 2019-02-18T15:43 | 2019-02-18
            7 | one_line           | EXPORT REGULATION CONFLICTS AT WTO    | News Today | 2019-07-10T15:02 | 2019-07-10T16:45 | 2019-07-10
            9 | one_line_no_date   | North Korea-U.S. Summit               | News Today | 2019-02-26T15:25 | 2019-02-26T15:28 | -
            11 | multi_line        | NEW COVID-19 CASES DURING THE HOLIDAY | News Today | 2021-02-15T14:56 | 2021-02-15T16:46 | 2021-02-15
            13 | multi_line_no_date | S. KOREA REPORTS 446 NEW CASES       | News Today | 2021-03-09T15:06 | 2021-03-09T16:45 | -
            14 | no_title          | -                                     | -          | -                | -                | 2020-02-20
            15 | multi_line_no_date | Restoring Ties                       | -          | 2018-01-03T14:52 | 2018-01-03T19:51 | -
            17 | month_only        | -                                     | -          | -                | -                | 2019-07
            19 | title_only        | US officials in summit-planning talks with North Korea at Panmunjom | - | - | - | 2018-05-28
            """)
    void observedHeaders(String id, String variant, String title, String program, String published, String modified,
            String datePrefix) throws IOException {
        Map<String, String> headers = observedHeaders();
        assertThat(headers).containsKey(id);
        ParsedArticle a = parser.parse(headers.get(id));
        assertThat(a.headerVariant()).isEqualTo(variant);
        assertThat(a.title()).isEqualTo(title);
        assertThat(a.program()).isEqualTo(program);
        assertThat(a.publishedAt()).isEqualTo(published == null ? null : kst(published));
        assertThat(a.modifiedAt()).isEqualTo(modified == null ? null : kst(modified));
        assertThat(a.datePrefix()).isEqualTo(datePrefix);
        assertThat(a.paragraphs()).noneMatch(p -> p.contains("입력") || p.contains("기사 본문 영역")
                || p.contains("읽어주기") || p.equals("News Today"));
    }

    static Map<String, String> observedHeaders() throws IOException {
        Path tsv = SharedData.require("kbs-headers/observed_headers.tsv");
        Map<String, String> out = new java.util.HashMap<>();
        for (String line : Files.readAllLines(tsv)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            out.put(cols[0], cols[2].replace("\\n", "\n"));
        }
        return out;
    }

    @Test
    void everyObservedHeaderIsCoveredAbove() throws IOException {
        assertThat(observedHeaders()).containsOnlyKeys(
                List.of("1", "2", "3", "4", "5", "7", "9", "11", "13", "14", "15", "17", "19"));
    }
}
