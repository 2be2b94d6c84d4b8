package io.newsetl.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import io.newsetl.output.TableSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the statistics report: ONE self-contained HTML file (charts embedded as PNG data URIs, no script, no
 * network), plus the same figures as one CSV file per statistics table and one JSON file.
 *
 * <pre>
 * report/news-etl-report.html
 * report/stats.json                 {"stats_daily": [{"pub_date": "2018-05-29", "articles": 12, ...}], ...}
 * report/csv/stats_daily.csv ...
 * </pre>
 * Every text taken from the corpus (programs, entity names) is HTML-escaped: a title or name such as
 * {@code <script>alert(1)</script>} shows as text.
 */
public final class ReportWriter {

    public static final String HTML = "news-etl-report.html";

    private ReportWriter() {
    }

    /** Writes the report files under {@code dir} (any Hadoop file system); returns the HTML file's path. */
    public static String write(Configuration conf, String dir, Map<TableSchema, List<Map<String, Object>>> tables,
            StatsJob.Settings s, String output) {
        Map<String, List<Map<String, Object>>> byName = new LinkedHashMap<>();
        tables.forEach((t, rows) -> byName.put(t.name(), rows));
        try {
            Path root = new Path(dir);
            FileSystem fs = root.getFileSystem(conf);
            write(fs, new Path(root, HTML), html(byName, s, output).getBytes(StandardCharsets.UTF_8));
            write(fs, new Path(root, "stats.json"), json(byName));
            for (TableSchema t : tables.keySet()) {
                write(fs, new Path(root, "csv/" + t.name() + ".csv"), csv(t, tables.get(t)));
            }
            return fs.makeQualified(new Path(root, HTML)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report under " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void write(FileSystem fs, Path p, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(p, true)) {
            out.write(bytes);
        }
    }

    static byte[] json(Map<String, List<Map<String, Object>>> tables) throws IOException {
        Map<String, Object> plain = new LinkedHashMap<>();
        tables.forEach((name, rows) -> plain.put(name, rows.stream().map(ReportWriter::plainRow).toList()));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(plain);
    }

    private static Map<String, Object> plainRow(Map<String, Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        row.forEach((k, v) -> m.put(k, v instanceof LocalDate || v instanceof Instant ? v.toString() : v));
        return m;
    }

    static byte[] csv(TableSchema t, List<Map<String, Object>> rows) {
        StringWriter w = new StringWriter();
        CsvWriter csv = new CsvWriter(w, new CsvWriterSettings());
        csv.writeHeaders(t.columns().stream().map(io.newsetl.output.Column::name).toList());
        for (Map<String, Object> r : rows) {
            csv.writeRow(r.values().stream().map(v -> v == null ? null : v.toString()).toArray());
        }
        csv.close();
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String esc(Object o) {
        return StringEscapeUtils.escapeHtml4(String.valueOf(o));
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static String img(byte[] png, String alt) {
        return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
                + "\">\n";
    }

    /**
     * A word on the dates when some articles carry none: their pub_date is the night that read them (or a
     * fallback for a date out of range), so the charts by day show nights for them, not publication dates.
     */
    static String datesNote(long articles, long undated) {
        if (undated == 0 || articles == 0) {
            return "";
        }
        String what = undated == articles ? "Every article in this range carries no usable publication date"
                : String.format(Locale.ROOT, "%,d of %,d articles in this range carry no usable publication date",
                        undated, articles);
        return "<p class=\"note\"><b>Dates.</b> " + what + " (pub_date_source run_date or out_of_range): their "
                + "pub_date is the night that read them, so the charts by day show those nights, not when the "
                + "articles were published.</p>\n";
    }

    static String html(Map<String, List<Map<String, Object>>> t, StatsJob.Settings s, String output) {
        StringBuilder b = new StringBuilder();
        List<Map<String, Object>> daily = t.getOrDefault("stats_daily", List.of());
        List<LocalDate> days = daily.stream().map(r -> (LocalDate) r.get("pub_date")).toList();
        long articles = daily.stream().mapToLong(r -> num(r.get("articles"))).sum();
        long exact = daily.stream().mapToLong(r -> num(r.get("exact_duplicates"))).sum();
        long near = daily.stream().mapToLong(r -> num(r.get("near_duplicates"))).sum();
        long mentions = daily.stream().mapToLong(r -> num(r.get("entity_mentions"))).sum();
        long undated = daily.stream().mapToLong(r -> num(r.get("undated_articles"))).sum();
        long rejected = t.getOrDefault("stats_rejects", List.of()).stream().mapToLong(r -> num(r.get("files"))).sum();
        String range = (s.from() == null ? (days.isEmpty() ? "-" : days.get(0).toString()) : s.from().toString()) + " to "
                + (s.to() == null ? (days.isEmpty() ? "-" : days.get(days.size() - 1).toString()) : s.to().toString());

        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>news-etl corpus statistics</title>\n")
                .append("<style>body{font-family:").append(esc(Charts.fontName()))
                .append(",'Noto Sans KR',sans-serif;max-width:980px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .6em;")
                .append("text-align:right}td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}")
                .append("img{max-width:100%;display:block;margin:.5em 0}.k{font-size:1.6em;font-weight:bold}")
                .append(".cards{display:flex;gap:2em;flex-wrap:wrap}</style></head><body>\n");
        b.append("<h1>news-etl corpus statistics</h1>\n<p>Publication dates ").append(esc(range)).append(" &middot; tables in <code>")
                .append(esc(output)).append("</code> &middot; generated ").append(esc(Instant.now().toString().substring(0, 19)))
                .append(" UTC</p>\n");
        b.append(datesNote(articles, undated)).append("<div class=\"cards\">");
        card(b, "articles", articles);
        card(b, "exact duplicates", exact);
        card(b, "near duplicates", near);
        card(b, "rejected files", rejected);
        card(b, "entity mentions", mentions);
        b.append("</div>\n");

        b.append("<h2>Articles per day</h2>\n");
        b.append(img(Charts.lines("Articles per day", "articles", days,
                Map.of("articles", daily.stream().map(r -> num(r.get("articles"))).toList())), "articles per day"));
        articlesPer(b, t, "stats_programs", "program");
        articlesPer(b, t, "stats_sections", "section");

        b.append("<h2>Removed per day: repeats, duplicates, boilerplate</h2>\n");
        Map<String, List<? extends Number>> removed = new LinkedHashMap<>();
        removed.put("repeated paragraphs (in one article)", daily.stream().map(r -> num(r.get("repeats_removed"))).toList());
        removed.put("exact duplicates", daily.stream().map(r -> num(r.get("exact_duplicates"))).toList());
        removed.put("near duplicates", daily.stream().map(r -> num(r.get("near_duplicates"))).toList());
        removed.put("boilerplate paragraphs", daily.stream().map(r -> num(r.get("boilerplate_removed"))).toList());
        b.append(img(Charts.lines("Removed per day", "count", days, removed), "removed per day"));
        table(b, List.of("pub_date", "articles", "repeats", "exact dup.", "near dup.", "boilerplate", "entities"),
                daily.stream().map(r -> List.<Object>of(r.get("pub_date"), num(r.get("articles")), num(r.get("repeats_removed")),
                        num(r.get("exact_duplicates")), num(r.get("near_duplicates")), num(r.get("boilerplate_removed")),
                        num(r.get("entity_mentions")))).toList());

        Map<String, Long> reasons = new TreeMap<>();
        for (Map<String, Object> r : t.getOrDefault("stats_rejects", List.of())) {
            reasons.merge(String.valueOf(r.get("reason")), num(r.get("files")), Long::sum);
        }
        b.append("<h2>Rejected files by reason</h2>\n").append(img(Charts.bars("Rejects by reason", "reason", "files",
                reasons), "rejects by reason"));
        table(b, List.of("reason", "files"), reasons.entrySet().stream().map(e -> List.<Object>of(e.getKey(), e.getValue())).toList());

        b.append("<h2>Length distributions</h2>\n");
        for (String measure : List.of("article_chars", "paragraph_chars")) {
            Map<String, Long> buckets = new LinkedHashMap<>();
            t.getOrDefault("stats_lengths", List.of()).stream().filter(r -> measure.equals(r.get("measure")))
                    .forEach(r -> buckets.put(r.get("bucket_start") + "-" + r.get("bucket_end"), num(r.get("count"))));
            String what = measure.equals("article_chars") ? "Article length (characters)" : "Paragraph length (characters)";
            b.append(img(Charts.bars(what, "characters", measure.startsWith("article") ? "articles" : "paragraphs", buckets), what));
        }

        Map<String, Long> languages = new TreeMap<>();
        t.getOrDefault("stats_languages", List.of()).forEach(r -> languages.put(String.valueOf(r.get("language")),
                num(r.get("articles"))));
        b.append("<h2>Language mix</h2>\n").append(img(Charts.pie("Articles by language", languages), "language mix"));
        table(b, List.of("language", "articles"), languages.entrySet().stream().map(e -> List.<Object>of(e.getKey(), e.getValue())).toList());

        b.append("<h2>Top entities</h2>\n");
        List<Map<String, Object>> top = t.getOrDefault("stats_top_entities", List.of());
        List<Map<String, Object>> weeks = t.getOrDefault("stats_entity_weeks", List.of());
        for (String type : List.of("PER", "ORG", "LOC", "MISC")) {
            List<Map<String, Object>> rows = top.stream().filter(r -> type.equals(r.get("type"))).toList();
            b.append("<h3>").append(esc(type)).append("</h3>\n");
            table(b, List.of("rank", "name", "mentions", "articles"), rows.stream()
                    .map(r -> List.<Object>of(r.get("rank"), r.get("canonical"), num(r.get("mentions")), num(r.get("articles")))).toList());
            List<Map<String, Object>> w = weeks.stream().filter(r -> type.equals(r.get("type"))).toList();
            if (!w.isEmpty()) {
                List<LocalDate> weekStarts = new ArrayList<>(new TreeSet<>(w.stream().map(r -> (LocalDate) r.get("week_start")).toList()));
                Map<String, List<? extends Number>> trend = new LinkedHashMap<>();
                for (String name : new TreeSet<>(w.stream().map(r -> String.valueOf(r.get("canonical"))).toList())) {
                    Map<LocalDate, Long> byWeek = new TreeMap<>();
                    w.stream().filter(r -> name.equals(r.get("canonical")))
                            .forEach(r -> byWeek.put((LocalDate) r.get("week_start"), num(r.get("mentions"))));
                    trend.put(name, weekStarts.stream().map(d -> byWeek.getOrDefault(d, 0L)).toList());
                }
                b.append(img(Charts.lines("Leading " + type + " entities per week", "mentions", weekStarts, trend),
                        "trend of leading " + type + " entities"));
            }
        }

        b.append("<h2>Latest articles</h2>\n");
        table(b, List.of("published (UTC)", "title", "program", "language", "entities"),
                t.getOrDefault("stats_latest_articles", List.of()).stream().map(r -> List.<Object>of(
                        r.get("published_at") == null ? "-" : r.get("published_at").toString().replace('T', ' ').replace("Z", ""),
                        r.get("title") == null ? "(no title)" : r.get("title"),
                        r.get("program") == null ? "-" : r.get("program"), String.valueOf(r.get("language")),
                        num(r.get("entity_count")))).toList());

        List<Map<String, Object>> weeklyTop = t.getOrDefault("stats_weekly_top_entities", List.of());
        List<LocalDate> lastWeeks = weeklyTop.stream().map(r -> (LocalDate) r.get("week_start")).distinct()
                .sorted(java.util.Comparator.reverseOrder()).limit(8).toList();
        b.append("<h3>Top names per week (latest ").append(lastWeeks.size()).append(" weeks)</h3>\n");
        List<List<Object>> weekRows = new ArrayList<>();
        for (LocalDate w : lastWeeks) {
            List<Object> row = new ArrayList<>(List.of(w));
            for (String type : List.of("PER", "ORG", "LOC", "MISC")) {
                row.add(weeklyTop.stream().filter(r -> w.equals(r.get("week_start")) && type.equals(r.get("type")))
                        .map(r -> r.get("canonical") + " (" + num(r.get("mentions")) + ")").collect(Collectors.joining(", ")));
            }
            weekRows.add(row);
        }
        table(b, List.of("week of", "PER", "ORG", "LOC", "MISC"), weekRows);

        List<Map<String, Object>> runs = t.getOrDefault("stats_runs", List.of());
        b.append("<h2>Input per run</h2>\n");
        Map<String, Long> filesPerRun = new LinkedHashMap<>();
        runs.forEach(r -> filesPerRun.put(String.valueOf(r.get("run_date")), num(r.get("input_files"))));
        b.append(img(Charts.bars("Input files per run", "run date", "files", filesPerRun), "input files per run"));
        table(b, List.of("run_date", "status", "files", "MB", "articles", "duplicates", "rejects", "entities", "seconds"),
                runs.stream().map(r -> List.<Object>of(r.get("run_date"), r.get("status"), num(r.get("input_files")),
                        String.format(Locale.ROOT, "%.1f", num(r.get("input_bytes")) / 1e6), num(r.get("articles")),
                        num(r.get("duplicates")), num(r.get("rejects")), num(r.get("entities")),
                        String.format(Locale.ROOT, "%.1f", r.get("seconds") == null ? 0.0 : (Double) r.get("seconds")))).toList());
        b.append("<p>The same figures: <code>stats.json</code> and <code>csv/*.csv</code> beside this file; the tables "
                + "<code>stats/stats_*</code> of the output folder.</p>\n</body></html>\n");
        return b.toString();
    }

    private static void card(StringBuilder b, String label, long value) {
        b.append("<div><div class=\"k\">").append(String.format(Locale.ROOT, "%,d", value)).append("</div>")
                .append(esc(label)).append("</div>");
    }

    private static void table(StringBuilder b, List<String> header, List<List<Object>> rows) {
        b.append("<table><tr>");
        header.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr>\n");
        for (List<Object> r : rows) {
            b.append("<tr>");
            r.forEach(v -> b.append("<td>").append(esc(v instanceof Number n && !(v instanceof Double)
                    ? String.format(Locale.ROOT, "%,d", n.longValue()) : v)).append("</td>"));
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    /** A chart and a table of the articles per value of {@code key} (program, section), the top 15, from {@code table}. */
    private static void articlesPer(StringBuilder b, Map<String, List<Map<String, Object>>> t, String table, String key) {
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> r : t.getOrDefault(table, List.of())) {
            counts.merge(String.valueOf(r.get(key)), num(r.get("articles")), Long::sum);
        }
        Map<String, Long> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(15).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, LinkedHashMap::new));
        b.append("<h2>Articles per ").append(key).append("</h2>\n").append(img(Charts.bars("Articles per " + key
                + " (top 15)", key, "articles", top), "articles per " + key));
        table(b, List.of(key, "articles"), top.entrySet().stream().map(e -> List.<Object>of(e.getKey(), e.getValue())).toList());
    }
}
