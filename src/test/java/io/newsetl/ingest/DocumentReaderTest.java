package io.newsetl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {

    private final DocumentReader reader = new DocumentReader(new DocumentReader.Limits(1 << 20, 64, 0.10, 50, 0.5));

    private RawDocument read(String path, byte[] bytes) {
        return reader.read(path, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    @Test
    void textFileKeepsLineageAndItsBytesUntilParsing() {
        RawDocument d = read("file:/in/a.txt", "Title\r\n\r\nBody\u0000 text.\r".getBytes(StandardCharsets.UTF_8));
        assertThat(d.getRejectReason()).isNull();
        assertThat(d.getText()).isEqualTo("Title\n\nBody text.\n");
        assertThat(d.getContentHash()).hasSize(32);
        assertThat(d.getSizeBytes()).isEqualTo(21);
        // Parsing may still reject it (NO_BODY), and a reject keeps its bytes.
        assertThat(d.getRaw()).hasSize(21);
        assertThat(d.getEncodingConfidence()).isEqualTo(1.0);
    }

    @Test
    void invisibleOnlyTextIsBlank() {
        String invisible = "\u00A0\u3000\u200B\u200C\u200D\u2060\uFEFF \t\n\u3164\u2028";
        RawDocument d = read("file:/in/invisible.txt", ("\uFEFF" + invisible.repeat(20)).getBytes(StandardCharsets.UTF_8));
        assertThat(d.getRejectReason()).isEqualTo("BLANK");
        assertThat(d.getRaw()).isNotEmpty();
        assertThat(read("file:/in/one.txt", (invisible + "x").getBytes(StandardCharsets.UTF_8)).getRejectReason()).isNull();
    }

    @Test
    void aGzipBombIsNamedSoEvenWhenTheSizeCapStopsItFirst() throws IOException {
        // 20 MB of zeros: about 20 KB compressed, so the ratio cap (20 KB x 50 = 1 MB) is above nothing here but
        // the size cap (1 MiB) stops decompression first; the ratio of what was consumed still says bomb.
        DocumentReader strictCap = new DocumentReader(new DocumentReader.Limits(1 << 20, 64, 0.10, 200, 0.5));
        byte[] bomb = gzip(new byte[20 << 20]);
        RawDocument d = strictCap.read("file:/in/bomb.txt.gz", bomb.length, () -> new ByteArrayInputStream(bomb));
        assertThat(d.getRejectReason()).isEqualTo("GZIP_BOMB");
        assertThat(d.getRejectMessage()).contains("ingest.max-gzip-ratio");
        // Text that compresses like text and is merely too long stays TOO_LARGE.
        StringBuilder text = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        while (text.length() < (3 << 20)) {
            text.append(Long.toString(r.nextLong(), 36)).append(' ');
        }
        byte[] big = gzip(text.toString().getBytes(StandardCharsets.US_ASCII));
        RawDocument large = strictCap.read("file:/in/big.txt.gz", big.length, () -> new ByteArrayInputStream(big));
        assertThat(large.getRejectReason()).isEqualTo("TOO_LARGE");
    }

    @Test
    void aReadFailureKeepsTheBytesReadBeforeIt() {
        byte[] head = "The first hundred bytes arrived before the disk failed. ".repeat(2).getBytes(StandardCharsets.US_ASCII);
        RawDocument d = reader.read("file:/in/failing.txt", 1000, () -> new java.io.SequenceInputStream(
                new ByteArrayInputStream(head), new java.io.InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Input/output error");
                    }
                }));
        assertThat(d.getRejectReason()).isEqualTo("UNREADABLE");
        assertThat(d.getRejectMessage()).contains("Input/output error");
        assertThat(d.getRaw()).isEqualTo(Arrays.copyOf(head, 64));
        assertThat(d.isRawTruncated()).isTrue();
    }

    @Test
    void aNameTheJvmCannotSpellHasItsOwnReason() {
        RawDocument d = reader.read("file:/in/caf\uFFFD.txt", 10, () -> {
            throw new java.nio.file.NoSuchFileException("/in/caf\uFFFD.txt");
        });
        assertThat(d.getRejectReason()).isEqualTo("UNREADABLE_NAME");
        assertThat(d.getRejectMessage()).contains("sun.jnu.encoding");
        assertThat(reader.read("file:/in/gone.txt", 10, () -> {
            throw new java.nio.file.NoSuchFileException("/in/gone.txt");
        }).getRejectReason()).isEqualTo("UNREADABLE");
    }

    @Test
    void aFileOfSeveralEncodingsIsDecodedLineByLine() {
        byte[] mixed = concat(" date 2019-05-01 Summit Talks News Today 입력 2019.05.01 (15:00)\n\n".getBytes(StandardCharsets.UTF_8),
                "북한과 미국의 실무 회담이 재개됩니다.\n".getBytes(java.nio.charset.Charset.forName("EUC-KR")),
                "The café in Zürich served crème brûlée.\n".getBytes(StandardCharsets.ISO_8859_1));
        RawDocument d = read("file:/in/mixed.txt", mixed);
        assertThat(d.getRejectReason()).isNull();
        assertThat(d.getEncoding()).isEqualTo("mixed (UTF-8, EUC-KR, windows-1252)");
        assertThat(d.getText()).contains("입력 2019.05.01").contains("북한과 미국의").contains("crème brûlée");
        assertThat(d.getEncodingConfidence()).isEqualTo(1.0);
    }

    @Test
    void garbledTextIsRejectedNotStoredAsMojibake() {
        // Korean in EUC-KR with a broken byte: no Korean decoder accepts it, and Windows-1252 turns it into long
        // runs of accented letters.
        byte[] korean = "북한과 미국의 실무 회담이 다음 주에 재개됩니다. 외교부가 확인했습니다.".repeat(3)
                .getBytes(java.nio.charset.Charset.forName("EUC-KR"));
        korean[10] = (byte) 0x80;
        RawDocument d = read("file:/in/garbled.txt", korean);
        assertThat(d.getRejectReason()).isEqualTo("UNDECODABLE");
        assertThat(d.getRejectMessage()).contains("ingest.min-encoding-confidence");
        assertThat(d.getEncodingConfidence()).isLessThan(0.5);
        // Latin-1 prose is confident.
        RawDocument latin = read("file:/in/latin.txt", "The pound rose to £1.89 at a café.".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin.getEncoding()).isEqualTo("windows-1252");
        assertThat(latin.getEncodingConfidence()).isEqualTo(1.0);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void gzipIsDecompressedAndHashedAsStored() throws IOException {
        byte[] gz = gzip("Title\n\nBody.".getBytes(StandardCharsets.UTF_8));
        RawDocument d = read("file:/in/a.txt.gz", gz);
        assertThat(d.isGzip()).isTrue();
        assertThat(d.getText()).isEqualTo("Title\n\nBody.");
        assertThat(d.getSizeBytes()).isEqualTo(gz.length);
    }

    @Test
    void rejectsWithSpecificReasons() throws IOException {
        assertThat(read("file:/e.txt", new byte[0]).getRejectReason()).isEqualTo("EMPTY");
        assertThat(read("file:/b.txt", " \n\t\n".getBytes()).getRejectReason()).isEqualTo("BLANK");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
        RawDocument bin = read("file:/p.txt", png);
        assertThat(bin.getRejectReason()).isEqualTo("BINARY");
        assertThat(bin.getRejectMessage()).contains("PNG");
        assertThat(bin.getRaw()).isEqualTo(png);
        byte[] nuls = new byte[200];
        assertThat(read("file:/n.txt", nuls).getRejectReason()).isEqualTo("BINARY");

        byte[] gz = gzip("Title\n\nBody that is long enough to matter.".getBytes(StandardCharsets.UTF_8));
        RawDocument truncated = read("file:/t.txt.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThat(truncated.getRejectReason()).isEqualTo("GZIP_CORRUPT");
        RawDocument notGzip = read("file:/x.gz", "plain text".getBytes());
        assertThat(notGzip.getRejectReason()).isEqualTo("GZIP_CORRUPT");
        assertThat(notGzip.getRejectMessage()).contains("magic");
    }

    @Test
    void tooLargeAndGzipBombStayBounded() throws IOException {
        byte[] big = new byte[(1 << 20) + 1];
        Arrays.fill(big, (byte) 'a');
        RawDocument large = read("file:/big.txt", big);
        assertThat(large.getRejectReason()).isEqualTo("TOO_LARGE");
        assertThat(large.getRaw()).hasSize(64);
        assertThat(large.isRawTruncated()).isTrue();

        byte[] zeros = new byte[8 << 20];
        RawDocument bomb = read("file:/bomb.txt.gz", gzip(zeros));
        assertThat(bomb.getRejectReason()).isIn("GZIP_BOMB", "TOO_LARGE");
        assertThat(bomb.getRejectMessage()).contains("bytes");
    }

    @Test
    void unreadableFileIsARejectNotACrash() {
        RawDocument d = reader.read("file:/gone.txt", -1, () -> {
            throw new java.nio.file.NoSuchFileException("/gone.txt");
        });
        assertThat(d.getRejectReason()).isEqualTo("UNREADABLE");
        assertThat(d.getRejectMessage()).contains("NoSuchFileException").contains("/gone.txt");
    }

    static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(in);
        }
        return out.toByteArray();
    }
}
