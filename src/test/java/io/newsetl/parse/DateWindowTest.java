package io.newsetl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DateWindowTest {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final LocalDate RUN = LocalDate.parse("2019-05-02");
    private final KbsParser kbs = new KbsParser(KbsRules.defaults());

    private ParsedArticle.PubDate dates(String header) {
        return kbs.parse(header + "\n\nOfficials said talks would resume.\n").pubDate(KST, RUN, DateWindow.defaults());
    }

    @Test
    void ancientStampsAreDroppedAndTheDateFallsBack() {
        for (String year : List.of("1800", "1500", "0001", "0000")) {
            ParsedArticle.PubDate d = dates(" date 2019-05-01 Old Stamp News Today 입력 " + year + ".01.01 (10:00) 수정 "
                    + year + ".01.01 (10:05)");
            assertThat(d.publishedAt()).as(year).isNull();
            assertThat(d.modifiedAt()).as(year).isNull();
            assertThat(d.source()).as(year).isEqualTo("out_of_range");
            // The fallback a page without stamps gets: its date prefix.
            assertThat(d.date()).as(year).isEqualTo(LocalDate.parse("2019-05-01"));
        }
    }

    @Test
    void anAncientPrefixFallsBackToTheRunDate() {
        ParsedArticle.PubDate d = dates(" date 1800-01-01 Old Prefix News Today 입력 1800.01.01 (10:00)");
        assertThat(d.date()).isEqualTo(RUN);
        assertThat(d.source()).isEqualTo("out_of_range");
    }

    @Test
    void stampsUpToTwoDaysAfterTheRunAreKept() {
        ParsedArticle.PubDate kept = dates(" date 2019-05-04 Ahead News Today 입력 2019.05.04 (10:00)");
        assertThat(kept.source()).isEqualTo("published");
        assertThat(kept.date()).isEqualTo(LocalDate.parse("2019-05-04"));
        ParsedArticle.PubDate future = dates(" date 2019-05-01 Future News Today 입력 2999.01.01 (10:00)");
        assertThat(future.publishedAt()).isNull();
        assertThat(future.source()).isEqualTo("out_of_range");
        assertThat(future.date()).isEqualTo(LocalDate.parse("2019-05-01"));
    }

    @Test
    void theWindowIsInclusive() {
        DateWindow w = new DateWindow(LocalDate.parse("1900-01-01"), 2);
        assertThat(w.contains(LocalDate.parse("1900-01-01"), RUN)).isTrue();
        assertThat(w.contains(LocalDate.parse("1899-12-31"), RUN)).isFalse();
        assertThat(w.contains(LocalDate.parse("2019-05-04"), RUN)).isTrue();
        assertThat(w.contains(LocalDate.parse("2019-05-05"), RUN)).isFalse();
        assertThat(DateWindow.UNBOUNDED.contains(LocalDate.parse("0001-01-01"), RUN)).isTrue();
    }
}
