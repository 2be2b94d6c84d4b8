package io.newsetl.ingest;

/**
 * Tells binary files from text by well-known magic numbers and by the share of control bytes in the first block.
 *
 * <pre>{@code
 * BinarySniffer.describe(pngBytes, 8192, 0.10);           // "PNG image signature"
 * BinarySniffer.describe("hello".getBytes(), 8192, 0.10);  // null: text
 * }</pre>
 */
public final class BinarySniffer {

    private record Magic(String name, int[] bytes) {
    }

    private static final Magic[] MAGICS = {
        new Magic("PNG image signature", new int[] {0x89, 'P', 'N', 'G'}),
        new Magic("JPEG image signature", new int[] {0xFF, 0xD8, 0xFF}),
        new Magic("GIF image signature", new int[] {'G', 'I', 'F', '8'}),
        new Magic("PDF document signature", new int[] {'%', 'P', 'D', 'F', '-'}),
        new Magic("ZIP archive signature", new int[] {'P', 'K', 3, 4}),
        new Magic("ELF executable signature", new int[] {0x7F, 'E', 'L', 'F'}),
        new Magic("Java class / Mach-O signature", new int[] {0xCA, 0xFE, 0xBA, 0xBE}),
        new Magic("bzip2 signature", new int[] {'B', 'Z', 'h'}),
        new Magic("xz signature", new int[] {0xFD, '7', 'z', 'X', 'Z', 0}),
        new Magic("7-Zip signature", new int[] {'7', 'z', 0xBC, 0xAF}),
    };

    private BinarySniffer() {
    }

    /** A description of why the bytes are binary, or null when they look like text. */
    public static String describe(byte[] bytes, int sniffBytes, double maxControlShare) {
        for (Magic m : MAGICS) {
            if (TextDecoder.startsWith(bytes, m.bytes())) {
                return m.name();
            }
        }
        int n = Math.min(bytes.length, sniffBytes);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                control++;
            }
        }
        if (n > 0 && control > maxControlShare * n) {
            return String.format("%d of the first %d bytes are control bytes (above %.0f%%)", control, n,
                    maxControlShare * 100);
        }
        return null;
    }
}
