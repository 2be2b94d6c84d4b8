package io.newsetl.ingest;

import io.newsetl.dedup.ContentHasher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads one stored file into a {@link RawDocument}: bounded read, gunzip, binary sniffing, charset decoding and
 * lineage. Every failure becomes a reject with a reason; nothing here throws for bad input.
 *
 * <pre>{@code
 * DocumentReader reader = new DocumentReader(Limits.defaults());
 * RawDocument doc = reader.read("file:/in/a.txt.gz", 1210, () -> Files.newInputStream(path));
 * }</pre>
 */
public final class DocumentReader implements Serializable {

    /** Caps that keep memory bounded whatever the input holds. */
    public record Limits(long maxFileBytes, int rejectRawCapBytes, double binaryControlShare, double maxGzipRatio)
            implements Serializable {
        public static Limits defaults() {
            return new Limits(16L << 20, 64 << 10, 0.10, 200.0);
        }
    }

    /** Opens the stored bytes; called a second time only to keep the head of a file that is too large. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private static final int SNIFF_BYTES = 8192;
    /** Below this decompressed size a high gzip ratio is harmless (a file of repeated footers compresses well). */
    private static final long GZIP_RATIO_FLOOR = 1L << 20;

    private final Limits limits;

    public DocumentReader(Limits limits) {
        this.limits = limits;
    }

    public RawDocument read(String sourcePath, long sizeBytes, Opener opener) {
        RawDocument doc = new RawDocument();
        doc.setSourcePath(sourcePath);
        doc.setSizeBytes(sizeBytes);
        byte[] stored;
        try (InputStream in = opener.open()) {
            stored = readCapped(in, limits.maxFileBytes());
            if (stored == null) {
                // Keep the head for the reject; the rest is never held in memory.
                try (InputStream head = opener.open()) {
                    keepRaw(doc, head.readNBytes(limits.rejectRawCapBytes() + 1));
                }
                doc.setSizeBytes(Math.max(sizeBytes, limits.maxFileBytes() + 1));
                return reject(doc, RejectReason.TOO_LARGE,
                        "more than " + limits.maxFileBytes() + " bytes on storage (ingest.max-file-bytes)");
            }
        } catch (IOException | RuntimeException e) {
            return reject(doc, RejectReason.UNREADABLE, describe(e));
        }
        doc.setSizeBytes(stored.length);
        doc.setContentHash(ContentHasher.hashBytes(stored).hex());
        keepRaw(doc, stored);
        if (stored.length == 0) {
            return reject(doc, RejectReason.EMPTY);
        }

        byte[] bytes = stored;
        boolean gzipMagic = TextDecoder.startsWith(stored, 0x1F, 0x8B);
        if (gzipMagic || sourcePath.endsWith(".gz")) {
            doc.setGzip(true);
            if (!gzipMagic) {
                return reject(doc, RejectReason.GZIP_CORRUPT, "named .gz but does not start with the gzip magic bytes");
            }
            long cap = limits.maxFileBytes();
            long ratioCap = (long) Math.max(GZIP_RATIO_FLOOR, stored.length * limits.maxGzipRatio());
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                bytes = readCapped(in, Math.min(cap, ratioCap));
            } catch (IOException e) {
                return reject(doc, RejectReason.GZIP_CORRUPT, describe(e));
            }
            if (bytes == null) {
                return ratioCap < cap
                        ? reject(doc, RejectReason.GZIP_BOMB, "more than " + ratioCap + " bytes from " + stored.length
                                + " compressed (ratio above ingest.max-gzip-ratio = " + limits.maxGzipRatio() + ")")
                        : reject(doc, RejectReason.TOO_LARGE, "more than " + cap
                                + " bytes after decompression (ingest.max-file-bytes)");
            }
            if (bytes.length == 0) {
                return reject(doc, RejectReason.EMPTY);
            }
        }

        boolean hasBom = TextDecoder.startsWith(bytes, 0xFF, 0xFE) || TextDecoder.startsWith(bytes, 0xFE, 0xFF);
        if (!hasBom) {
            String binary = BinarySniffer.describe(bytes, SNIFF_BYTES, limits.binaryControlShare());
            if (binary != null) {
                return reject(doc, RejectReason.BINARY, binary);
            }
        }
        TextDecoder.Decoded decoded = TextDecoder.decode(bytes);
        if (!decoded.isOk()) {
            return reject(doc, RejectReason.UNDECODABLE, decoded.error());
        }
        doc.setEncoding(decoded.encoding());
        String text = TextCleaner.clean(decoded.text());
        if (text.isBlank()) {
            return reject(doc, RejectReason.BLANK);
        }
        doc.setText(text);
        // Articles do not need their bytes any more; only rejects keep them.
        doc.setRaw(null);
        doc.setRawTruncated(false);
        return doc;
    }

    private void keepRaw(RawDocument doc, byte[] stored) {
        int cap = limits.rejectRawCapBytes();
        doc.setRaw(stored.length <= cap ? stored : Arrays.copyOf(stored, cap));
        doc.setRawTruncated(stored.length > cap);
    }

    private static RawDocument reject(RawDocument doc, RejectReason reason, Object... details) {
        doc.setText(null);
        doc.setRejectReason(reason.name());
        doc.setRejectMessage(reason.message(details));
        return doc;
    }

    private static String describe(Exception e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    /** Reads at most {@code cap} bytes; returns null when the stream holds more. */
    static byte[] readCapped(InputStream in, long cap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > cap) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
