package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.output.RunRecord;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.testing.SparkStageTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawl feed is untrusted: every kind of hostile input below is generated, run through the whole job, and must
 * land in its expected table with its expected reason; the balance holds and no row is lost.
 */
class HostileInputsTest extends SparkStageTest {

    private static final String BODY = "Officials in Seoul said talks would resume next week.\n\nThe ministry confirmed it.\n";

    private int unique;

    /** A KBS page whose body is unique to this call (so that pages are not duplicates of each other). */
    String kbs(String title, String stamps) {
        return kbs(title, stamps, "Report number " + (++unique) + " on the talks.");
    }

    static String kbs(String title, String stamps, String lead) {
        return " date 2019-05-01 " + title + " News Today " + stamps + "\n\n" + lead + "\n\n" + BODY;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    /** file name → expected "table" or "table/REASON". */
    private final Map<String, String> expected = new LinkedHashMap<>();

    private void file(Path dir, String name, byte[] bytes, String expect) throws Exception {
        Files.write(dir.resolve(name), bytes);
        expected.put(name, expect);
    }

    private void file(Path dir, String name, String text, String expect) throws Exception {
        file(dir, name, text.getBytes(StandardCharsets.UTF_8), expect);
    }

    @Test
    void everyHostileInputEndsInItsTableWithItsReason(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        String stamps = "입력 2019.05.01 (15:00) 수정 2019.05.01 (15:05)";
        file(in, "01-empty.txt", new byte[0], "rejects/EMPTY");
        file(in, "02-whitespace.txt", " \t\n\n  \r\n", "rejects/BLANK");
        file(in, "03-image.txt", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0},
                "rejects/BINARY");
        byte[] elf = new byte[256];
        elf[0] = 0x7F;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        file(in, "04-executable.txt", elf, "rejects/BINARY");
        file(in, "05-nul-inside.txt", kbs("Nul\u0000 Title", stamps).replace("resume", "res\u0000ume"), "articles");
        byte[] invalid = kbs("Invalid Bytes", stamps).getBytes(StandardCharsets.UTF_8);
        invalid[invalid.length - 5] = (byte) 0xC3;
        invalid[invalid.length - 4] = (byte) 0x28;
        file(in, "06-invalid-utf8.txt", invalid, "articles");
        byte[] utf16 = kbs("UTF-16 Title", stamps).getBytes(StandardCharsets.UTF_16LE);
        byte[] bom = new byte[utf16.length + 2];
        bom[0] = (byte) 0xFF;
        bom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, bom, 2, utf16.length);
        file(in, "07-utf16-bom.txt", bom, "articles");
        file(in, "08-euc-kr.txt", kbs("북한 소식", stamps).replace("Officials", "북한과 미국의 실무 회담이 재개됩니다. Officials")
                .getBytes(Charset.forName("EUC-KR")), "articles");
        file(in, "09-cp949-only.txt", kbs("똠방각하 햏자", stamps).getBytes(Charset.forName("x-windows-949")), "articles");
        file(in, "10-mixed-newlines.txt", " date 2019-05-01 Mixed News Today " + stamps + "\r\n\r\nFirst line.\rSecond line.\nThird line.\r\n",
                "articles");
        file(in, "11-header-only.txt", " date 2019-05-01 Header Only News Today " + stamps + "\n\n댓글\n좋아요\n", "rejects/NO_BODY");
        file(in, "12-body-only.txt", "A body without any header at all, one paragraph.\n\nAnd a second paragraph.", "articles");
        byte[] huge = new byte[50 << 20];
        java.util.Arrays.fill(huge, (byte) 'a');
        file(in, "13-50mb-single-line.txt", huge, "rejects/TOO_LARGE");
        StringBuilder many = new StringBuilder(" date 2019-05-01 Ten Thousand News Today " + stamps + "\n\n");
        for (int i = 0; i < 10_000; i++) {
            many.append("Paragraph number ").append(i).append(" of a very long page.\n");
        }
        file(in, "14-10000-paragraphs.txt", many.toString(), "articles");
        file(in, "15-long-title.txt", kbs("T".repeat(10_000), stamps), "articles");
        file(in, "16-html-control-title.txt", kbs("<script>alert(1)</script>\u0007\u001b[31mRed", stamps), "articles");
        file(in, "17-impossible-date.txt", kbs("Odd Date", "입력 2018.13.45 (15:00) 수정 2018.13.45 (15:05)"), "articles");
        file(in, "18-far-future.txt", kbs("Future", "입력 2999.01.01 (15:00) 수정 2999.01.01 (15:05)"), "articles");
        byte[] gz = gzip(kbs("Gzip", stamps).getBytes(StandardCharsets.UTF_8));
        file(in, "19-truncated.txt.gz", java.util.Arrays.copyOf(gz, gz.length / 2), "rejects/GZIP_CORRUPT");
        file(in, "20-not-gzip.txt.gz", kbs("Not Gzip", stamps), "rejects/GZIP_CORRUPT");
        file(in, "21-gzip-bomb.txt.gz", gzip(new byte[12 << 20]), "rejects/GZIP_BOMB");
        Files.createDirectories(in.resolve("22-loop"));
        Files.createSymbolicLink(in.resolve("22-loop/back"), in);
        Files.createSymbolicLink(in.resolve("23-dangling-link.txt"), tmp.resolve("nowhere.txt"));
        expected.put("23-dangling-link.txt", "rejects/UNREADABLE");
        String story = "The original story, copied below.";
        file(in, "24-original.txt", kbs("Original Story", stamps, story), "articles");
        file(in, "25-copy.txt", kbs("Copy Of Story", stamps.replace("15:00", "16:00"), story), "duplicates/exact");
        file(in, "26-copy-of-copy.txt", kbs("Copy Of Copy", stamps.replace("15:00", "17:00"), story), "duplicates/exact");
        Files.createDirectories(in.resolve("27-second-path"));
        Files.copy(in.resolve("24-original.txt"), in.resolve("27-second-path/24-original.txt"));
        expected.put("27-second-path/24-original.txt", "duplicates/exact");
        file(in, "28-name with spaces, 한글 & $(rm -rf) `x`;|.txt", kbs("Odd Name", stamps).replace("Officials", "Unique officials"),
                "articles");
        file(in, "29-latin1.txt", "Pound rallies\n\nThe pound rose to £1.89 at a café.\n".getBytes(StandardCharsets.ISO_8859_1),
                "articles");
        file(in, "30-html-body.txt", kbs("Html Body", stamps).replace("The ministry", "<img src=x onerror=alert(1)> The ministry"),
                "articles");
        // Issue #16: one ancient date used to fail the whole night (Spark's WRITE_ANCIENT_DATETIME).
        for (String year : List.of("1800", "1500", "0001", "0000")) {
            file(in, "31-year-" + year + ".txt", " date " + year + "-01-01 Ancient " + year + " News Today 입력 " + year
                    + ".01.01 (10:00) 수정 " + year + ".01.01 (10:05)\n\nA page from year " + year + ".\n\n" + BODY, "articles");
        }
        // The largest single paragraph under the size cap (set to 4 MiB below to keep the test short; TagBudgetTest
        // tags 16 MiB): the tagger reads its budget, not the whole paragraph.
        file(in, "32-largest-single-paragraph.txt", "Seoul officials met Kim Jong-un near Panmunjom again. "
                .repeat((4 << 20) / 54).getBytes(StandardCharsets.US_ASCII), "articles");
        file(in, "33-invisible-only.txt", "\uFEFF\u00A0\u3000\u200B \n".repeat(50), "rejects/BLANK");
        file(in, "34-mixed-encodings.txt", concat(
                " date 2019-05-01 Mixed Encodings News Today 입력 2019.05.01 (15:00)\n\n".getBytes(StandardCharsets.UTF_8),
                "북한과 미국의 실무 회담이 재개됩니다.\n".getBytes(Charset.forName("EUC-KR")),
                "The café in Zürich served crème brûlée.\n".getBytes(StandardCharsets.ISO_8859_1)), "articles");
        byte[] garbled = "북한과 미국의 실무 회담이 다음 주에 재개됩니다. 외교부가 확인했습니다.".repeat(3)
                .getBytes(Charset.forName("EUC-KR"));
        garbled[10] = (byte) 0x80;
        file(in, "35-garbled-korean.txt", garbled, "rejects/UNDECODABLE");
        // A Latin-1 name on a UTF-8 system: its bytes are not valid in the JVM's file-name encoding.
        Path latinName = Path.of(java.net.URI.create(in.toUri() + "36-caf%E9.txt"));
        Files.writeString(latinName, "A page under a Latin-1 file name.\n\nIts text is plain and readable.\n");
        expected.put(in.relativize(latinName).toString(), "articles");
        // 32 MB of zeros (about 32 KB compressed, a ratio cap of 6.4 MB): the 4 MiB size cap stops decompression
        // first, and it is still a bomb.
        file(in, "37-gzip-bomb-past-size-cap.txt.gz", gzip(new byte[32 << 20]), "rejects/GZIP_BOMB");

        // The byte-identical copy under a second path is the one kept aside: it has the lower source priority.
        Path conf = Files.writeString(tmp.resolve("night.conf"),
                "news-etl.dedup.source-priority { \"**/27-second-path/**\" = 200 }\nnews-etl.ingest.max-file-bytes = 4m");
        RunRecord run = NightlyJob.run(spark(), ConfigLoader.load(conf, Map.of("input", in.toString(),
                "output", tmp.resolve("out").toString(), "run-date", "2019-05-02")));

        Map<String, String> got = new TreeMap<>();
        for (var t : List.of(TableSchemas.ARTICLES, TableSchemas.DUPLICATES, TableSchemas.REJECTS)) {
            for (Row r : TableWriter.read(spark(), tmp.resolve("out").toString(), t).collectAsList()) {
                String name = in.relativize(io.newsetl.ingest.InputLister.localPath(r.getAs("source_path"))).toString();
                String detail = t == TableSchemas.REJECTS ? "/" + r.getAs("reason")
                        : t == TableSchemas.DUPLICATES ? "/" + r.getAs("duplicate_kind") : "";
                got.put(name, t.name() + detail);
            }
        }
        // The closing note's table: every kind and where it ended.
        got.forEach((k, v) -> System.out.printf("hostile %-45s -> %s%n", io.newsetl.model.LogSafe.escape(k), v));
        assertThat(got).isEqualTo(new TreeMap<>(expected));
        assertThat(run.isBalanceOk()).isTrue();
        assertThat(run.getInputFiles()).isEqualTo(expected.size());
        assertThat(run.getListingWarnings()).anyMatch(w -> w.contains("symbolic-link loop"));

        Map<String, Row> articles = TableWriter.read(spark(), tmp.resolve("out").toString(), TableSchemas.ARTICLES)
                .collectAsList().stream().collect(Collectors.toMap(
                        r -> io.newsetl.ingest.InputLister.localPath(r.getAs("source_path")).getFileName().toString(),
                        r -> r));
        assertThat(articles.get("05-nul-inside.txt").<String>getAs("body")).doesNotContain("\u0000").contains("resume");
        assertThat(articles.get("07-utf16-bom.txt").<String>getAs("title")).isEqualTo("UTF-16 Title");
        assertThat(articles.get("09-cp949-only.txt").<String>getAs("title")).isEqualTo("똠방각하 햏자");
        assertThat(articles.get("10-mixed-newlines.txt").<Integer>getAs("paragraphs_kept")).isEqualTo(3);
        assertThat(articles.get("14-10000-paragraphs.txt").<Integer>getAs("paragraphs_kept")).isEqualTo(10_000);
        assertThat(articles.get("15-long-title.txt").<String>getAs("title")).hasSize(10_000);
        assertThat(articles.get("16-html-control-title.txt").<String>getAs("title"))
                .isEqualTo("<script>alert(1)</script>[31mRed");
        assertThat(articles.get("17-impossible-date.txt").<Object>getAs("published_at")).isNull();
        assertThat(articles.get("17-impossible-date.txt").<String>getAs("pub_date_source")).isEqualTo("date_prefix");
        // More than parse.max-days-after-run after the run: dropped, and the date prefix is the fallback.
        assertThat(articles.get("18-far-future.txt").<Object>getAs("published_at")).isNull();
        assertThat(articles.get("18-far-future.txt").<String>getAs("pub_date_source")).isEqualTo("out_of_range");
        assertThat(articles.get("18-far-future.txt").<java.sql.Date>getAs("pub_date").toString()).isEqualTo("2019-05-01");
        for (String year : List.of("1800", "1500", "0001", "0000")) {
            Row old = articles.get("31-year-" + year + ".txt");
            assertThat(old.<Object>getAs("published_at")).as(year).isNull();
            assertThat(old.<Object>getAs("modified_at")).as(year).isNull();
            assertThat(old.<String>getAs("pub_date_source")).as(year).isEqualTo("out_of_range");
            assertThat(old.<java.sql.Date>getAs("pub_date").toString()).as(year).isEqualTo("2019-05-02");
        }
        Row longest = articles.get("32-largest-single-paragraph.txt");
        assertThat(longest.<Boolean>getAs("entities_truncated")).isTrue();
        assertThat(longest.<Long>getAs("entity_count")).isPositive();
        assertThat(articles.get("14-10000-paragraphs.txt").<Boolean>getAs("dedup_truncated")).isTrue();
        assertThat(articles.get("05-nul-inside.txt").<Boolean>getAs("dedup_truncated")).isFalse();
        assertThat(articles.get("05-nul-inside.txt").<Boolean>getAs("entities_truncated")).isFalse();
        Row mixed = articles.get("34-mixed-encodings.txt");
        assertThat(mixed.<String>getAs("encoding")).isEqualTo("mixed (UTF-8, EUC-KR, windows-1252)");
        assertThat(mixed.<String>getAs("title")).isEqualTo("Mixed Encodings");
        assertThat(mixed.<String>getAs("body")).contains("북한과 미국의").contains("crème brûlée");
        assertThat(mixed.<Double>getAs("encoding_confidence")).isEqualTo(1.0);
        String escaped = articles.get(latinName.getFileName().toString()).getAs("source_path");
        assertThat(escaped).endsWith("/36-caf%E9.txt").startsWith("file:///");
        Map<String, Row> rejects = TableWriter.read(spark(), tmp.resolve("out").toString(), TableSchemas.REJECTS)
                .collectAsList().stream().collect(Collectors.toMap(
                        r -> Path.of(r.<String>getAs("source_path").substring(5)).getFileName().toString(), r -> r));
        // Rejects keep the bytes they could read (issue #16.9): NO_BODY included; a dangling link has none.
        assertThat(rejects.get("11-header-only.txt").<byte[]>getAs("raw")).isNotEmpty();
        assertThat(rejects.get("23-dangling-link.txt").<byte[]>getAs("raw")).isNull();
        assertThat(rejects.values()).allSatisfy(r -> assertThat(r.<String>getAs("reason"))
                .isIn(java.util.Arrays.stream(io.newsetl.ingest.RejectReason.values()).map(Enum::name).toList()));
        assertThat(articles.get("29-latin1.txt").<String>getAs("body")).contains("£1.89").contains("café");
        Row bomb = rejects.get("21-gzip-bomb.txt.gz");
        assertThat(bomb.<Boolean>getAs("raw_truncated")).isFalse();
        assertThat(bomb.<String>getAs("message")).contains("ingest.max-gzip-ratio");
    }
}
