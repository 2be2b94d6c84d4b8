package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.testing.SparkStageTest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
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

        // The byte-identical copy under a second path is the one kept aside: it has the lower source priority.
        Path conf = Files.writeString(tmp.resolve("night.conf"),
                "news-etl.dedup.source-priority { \"**/27-second-path/**\" = 200 }");
        RunRecord run = NightlyJob.run(spark(), ConfigLoader.load(conf, Map.of("input", in.toString(),
                "output", tmp.resolve("out").toString(), "run-date", "2019-05-02")));

        Map<String, String> got = new TreeMap<>();
        for (var t : List.of(TableSchemas.ARTICLES, TableSchemas.DUPLICATES, TableSchemas.REJECTS)) {
            for (Row r : TableWriter.read(spark(), tmp.resolve("out").toString(), t).collectAsList()) {
                String name = in.relativize(Path.of(r.<String>getAs("source_path").substring(5))).toString();
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
                        r -> Path.of(r.<String>getAs("source_path")).getFileName().toString(), r -> r));
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
        assertThat(articles.get("18-far-future.txt").<java.sql.Date>getAs("pub_date").toString()).isEqualTo("2999-01-01");
        assertThat(articles.get("29-latin1.txt").<String>getAs("body")).contains("£1.89").contains("café");
        Row bomb = TableWriter.read(spark(), tmp.resolve("out").toString(), TableSchemas.REJECTS)
                .where("reason = 'GZIP_BOMB'").first();
        assertThat(bomb.<Boolean>getAs("raw_truncated")).isFalse();
        assertThat(bomb.<String>getAs("message")).contains("ingest.max-gzip-ratio");
    }
}
