package io.newsetl.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.output.TableSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportWriterTest {

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final String EVIL = "<script>alert(1)</script>";

    private static Map<String, List<Map<String, Object>>> tables() {
        Map<String, List<Map<String, Object>>> t = new LinkedHashMap<>();
        t.put("stats_daily", List.of(
                row("pub_date", LocalDate.parse("2018-05-29"), "articles", 3L, "exact_duplicates", 1L, "near_duplicates", 0L,
                        "repeats_removed", 2L, "boilerplate_removed", 0L, "entity_mentions", 9L, "mean_body_chars", 812.5),
                row("pub_date", LocalDate.parse("2018-05-30"), "articles", 1L, "exact_duplicates", 0L, "near_duplicates", 1L,
                        "repeats_removed", 0L, "boilerplate_removed", 4L, "entity_mentions", 2L, "mean_body_chars", 300.0)));
        t.put("stats_programs", List.of(row("pub_date", LocalDate.parse("2018-05-29"), "program", "뉴스 9", "articles", 3L)));
        t.put("stats_sections", List.of(row("pub_date", LocalDate.parse("2018-05-29"), "section", "business", "articles", 2L),
                row("pub_date", LocalDate.parse("2018-05-30"), "section", "business", "articles", 1L),
                row("pub_date", LocalDate.parse("2018-05-29"), "section", "(none)", "articles", 1L)));
        t.put("stats_rejects", List.of(row("run_date", LocalDate.parse("2018-05-30"), "reason", "BINARY", "files", 2L)));
        t.put("stats_top_entities", List.of(row("type", "PER", "rank", 1, "canonical", EVIL, "mentions", 5L, "articles", 2L)));
        t.put("stats_entity_weeks", List.of(row("week_start", LocalDate.parse("2018-05-28"), "type", "PER",
                "canonical", EVIL, "mentions", 5L)));
        t.put("stats_weekly_top_entities", List.of(row("week_start", LocalDate.parse("2018-05-28"), "type", "ORG",
                "rank", 1, "canonical", "Workers' Party & " + EVIL, "mentions", 3L)));
        t.put("stats_latest_articles", List.of(row("published_at", Instant.parse("2018-05-30T06:02:00Z"),
                "pub_date", LocalDate.parse("2018-05-30"), "title", EVIL, "program", null, "language", "en",
                "entity_count", 2L, "article_id", "a")));
        return t;
    }

    @Test
    void corpusTextIsEscapedAndChartsAreEmbedded() {
        String html = ReportWriter.html(tables(), new StatsJob.Settings(null, null, 20, 5), "/out");
        assertThat(html).doesNotContain(EVIL).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("뉴스 9").doesNotContain("<script");
        assertThat(html).contains("Workers' Party &amp; &lt;script&gt;").contains("Top names per week (latest 1 weeks)");
        // Every chart is an inline PNG: the file opens without network or neighbouring files.
        assertThat(html.split("<img ", -1).length - 1).isGreaterThanOrEqualTo(8);
        assertThat(html).doesNotContain("src=\"http").contains("src=\"data:image/png;base64,iVBORw0KGgo");
        assertThat(html).contains("<h2>Articles per section</h2>").contains("<td>business</td><td>3</td>");
        assertThat(html).contains("<div class=\"k\">4</div>articles").contains("2018-05-29 to 2018-05-30");
    }

    @Test
    void csvAndJsonCarryTheSameFigures() throws Exception {
        Map<String, List<Map<String, Object>>> t = tables();
        TableSchema latest = StatsSchemas.LATEST;
        String csv = new String(ReportWriter.csv(latest, t.get("stats_latest_articles")), StandardCharsets.UTF_8);
        assertThat(csv.lines().toList()).containsExactly(
                "published_at,pub_date,title,program,language,entity_count,article_id",
                "2018-05-30T06:02:00Z,2018-05-30,<script>alert(1)</script>,,en,2,a");
        String json = new String(ReportWriter.json(t), StandardCharsets.UTF_8);
        assertThat(json).contains("\"pub_date\" : \"2018-05-29\"").contains("\"articles\" : 3")
                .contains("\"published_at\" : \"2018-05-30T06:02:00Z\"");
    }

    @Test
    void hangulGetsACjkFontWhenOneIsInstalled() {
        boolean nanum = java.nio.file.Files.isDirectory(java.nio.file.Path.of("/usr/share/fonts/truetype/nanum"));
        org.junit.jupiter.api.Assumptions.assumeTrue(nanum, "Skipped: fonts-nanum is not installed (apt-get install fonts-nanum)");
        assertThat(Charts.fontName()).startsWith("Nanum");
        assertThat(new java.awt.Font(Charts.fontName(), java.awt.Font.PLAIN, 12).canDisplayUpTo("북미 정상회담")).isEqualTo(-1);
    }

    @Test
    void theReportSaysWhenDatesAreFallbacks() {
        assertThat(ReportWriter.datesNote(100, 0)).isEmpty();
        assertThat(ReportWriter.datesNote(2084, 2084)).contains("Every article in this range carries no usable");
        assertThat(ReportWriter.datesNote(1200, 34)).contains("34 of 1,200 articles");
    }
}
