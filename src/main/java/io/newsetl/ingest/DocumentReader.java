package io.newsetl.ingest;

import io.newsetl.model.ContentHasher;
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
 * DocumentReader reader = new DocumentReader(DocumentReader.Limits.defaults());
 * RawDocument doc = reader.read("file:/in/a.txt.gz", 1210, () -> Files.newInputStream(path));
 * }</pre>
 */
public final class DocumentReader implements Serializable {

    /** Caps that keep memory bounded whatever the input holds. */
    public record Limits(long maxFileBytes, int rejectRawCapBytes, double binaryControlShare, double maxGzipRatio,
            double minEncodingConfidence) implements Serializable {
        public static Limits defaults() {
            return new Limits(16L << 20, 64 << 10, 0.10, 200.0, 0.5);
        }
    }

    /** Opens the stored bytes (once per file). */
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
        Sink storedSink = new Sink();
        try (InputStream in = opener.open()) {
            if (!copyCapped(in, storedSink, limits.maxFileBytes())) {
                // Only the head is kept for the reject; the rest was never held in memory.
                keepRaw(doc, storedSink.head(limits.rejectRawCapBytes() + 1));
                doc.setSizeBytes(Math.max(sizeBytes, limits.maxFileBytes() + 1));
                return reject(doc, RejectReason.TOO_LARGE,
                        "more than " + limits.maxFileBytes() + " bytes on storage (ingest.max-file-bytes)");
            }
        } catch (IOException | RuntimeException e) {
            // What could be read before the failure stays with the reject.
            if (storedSink.size() > 0) {
                keepRaw(doc, storedSink.head(limits.rejectRawCapBytes() + 1));
            }
            return reject(doc, e instanceof java.nio.file.NoSuchFileException && !nameReadable(sourcePath)
                    ? RejectReason.UNREADABLE_NAME : RejectReason.UNREADABLE, describe(e));
        }
        byte[] stored = storedSink.toByteArray();
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
            ByteArrayInputStream compressed = new ByteArrayInputStream(stored);
            Sink out = new Sink();
            try (InputStream in = new GZIPInputStream(compressed)) {
                if (!copyCapped(in, out, Math.min(cap, ratioCap))) {
                    // The ratio is judged on the compressed bytes consumed so far, so a bomb is named a bomb
                    // whichever cap stopped it first.
                    long consumed = Math.max(1, stored.length - compressed.available());
                    double ratio = (double) out.size() / consumed;
                    return ratio > limits.maxGzipRatio() && out.size() > GZIP_RATIO_FLOOR
                            ? reject(doc, RejectReason.GZIP_BOMB, "more than " + out.size() + " bytes from the first "
                                    + consumed + " compressed (ratio " + Math.round(ratio)
                                    + ", above ingest.max-gzip-ratio = " + limits.maxGzipRatio() + ")")
                            : reject(doc, RejectReason.TOO_LARGE, "more than " + cap
                                    + " bytes after decompression (ingest.max-file-bytes)");
                }
            } catch (IOException e) {
                return reject(doc, RejectReason.GZIP_CORRUPT, describe(e));
            }
            bytes = out.toByteArray();
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
        doc.setEncodingConfidence(decoded.confidence());
        if (decoded.confidence() < limits.minEncodingConfidence()) {
            String why = String.format("decoded as %s, but only %.0f%% of its non-ASCII characters decode with "
                    + "confidence (ingest.min-encoding-confidence = %s)", decoded.encoding(),
                    100 * decoded.confidence(), limits.minEncodingConfidence());
            return reject(doc, decoded.isMixed() ? RejectReason.MIXED_ENCODING : RejectReason.UNDECODABLE, why);
        }
        String text = TextCleaner.clean(decoded.text());
        if (TextCleaner.isInvisible(text)) {
            return reject(doc, RejectReason.BLANK);
        }
        doc.setText(text);
        // The bytes (up to the reject cap) stay until parsing, which may still reject the file (NO_BODY); the
        // parser hands them on to rejects only.
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

    /**
     * Copies {@code in} to {@code out} until the end or until more than {@code cap} bytes were read; false in the
     * second case ({@code out} then holds the first bytes read, a little more than {@code cap}).
     */
    static boolean copyCapped(InputStream in, Sink out, long cap) throws IOException {
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            out.write(buf, 0, n);
            total += n;
            if (total > cap) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a listed path can name its file: a local name whose bytes are not valid in the JVM's file-name
     * encoding is listed in its percent-escaped URI form ({@link InputLister#localPath}), which always can.
     */
    private static boolean nameReadable(String sourcePath) {
        return !sourcePath.contains("\uFFFD");
    }

    /** A byte buffer whose head can be copied without copying the whole. */
    static final class Sink extends ByteArrayOutputStream {
        Sink() {
            super(8192);
        }

        byte[] head(int n) {
            return Arrays.copyOf(buf, Math.min(n, count));
        }
    }
}
