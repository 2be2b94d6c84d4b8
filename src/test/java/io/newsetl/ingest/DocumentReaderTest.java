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

    private final DocumentReader reader = new DocumentReader(new DocumentReader.Limits(1 << 20, 64, 0.10, 50));

    private RawDocument read(String path, byte[] bytes) {
        return reader.read(path, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    @Test
    void textFileKeepsLineageAndDropsRawBytes() {
        RawDocument d = read("file:/in/a.txt", "Title\r\n\r\nBody\u0000 text.\r".getBytes(StandardCharsets.UTF_8));
        assertThat(d.getRejectReason()).isNull();
        assertThat(d.getText()).isEqualTo("Title\n\nBody text.\n");
        assertThat(d.getContentHash()).hasSize(32);
        assertThat(d.getSizeBytes()).isEqualTo(21);
        assertThat(d.getRaw()).isNull();
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
