package io.newsetl.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decodes article bytes to text by detected encoding: BOM first, then strict UTF-8, then line by line when some
 * lines are valid UTF-8 and others are not (a file pasted together from several sources), then statistical
 * detection (juniversalchardet) between EUC-KR/CP949 and Latin-1/Windows-1252.
 *
 * <p>Every decode carries a confidence in [0, 1]: the share of the non-ASCII characters whose decoding the bytes
 * confirm. Strict UTF-8, a byte-order mark and double-byte Korean that decodes to Hangul confirm themselves; a
 * single-byte (Windows-1252) character counts when it is a letter or common sign standing alone or in pairs among
 * ASCII, as accents in Latin text do, and not in the long runs that mojibake of Korean or UTF-8 makes.
 *
 * <pre>{@code
 * TextDecoder.decode("£5".getBytes(ISO_8859_1));  // Decoded[text="£5", encoding="windows-1252"]
 * TextDecoder.decode(new byte[]{(byte)0xEF,(byte)0xBB,(byte)0xBF,'h','i'});  // Decoded[text="hi", encoding="UTF-8"]
 * }</pre>
 */
public final class TextDecoder {

    /**
     * Decoded text, the charset used ({@code mixed (UTF-8, EUC-KR, windows-1252)} for a file decoded by lines) and
     * the confidence; {@code error} is set instead when no charset fits.
     */
    public record Decoded(String text, String encoding, double confidence, String error) {
        static Decoded ok(String text, String encoding) {
            return new Decoded(text, encoding, 1.0, null);
        }

        static Decoded failed(String error) {
            return new Decoded(null, null, 0.0, error);
        }

        public boolean isMixed() {
            return encoding != null && encoding.startsWith("mixed");
        }

        public boolean isOk() {
            return error == null;
        }
    }

    private static final Charset CP949 = Charset.forName("x-windows-949");
    private static final Charset EUC_KR = Charset.forName("EUC-KR");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoder() {
    }

    public static Decoded decode(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return strict(bytes, 3, StandardCharsets.UTF_8, "UTF-8 (BOM)");
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return strict(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16LE (BOM)");
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return strict(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16BE (BOM)");
        }
        String utf8 = tryStrict(bytes, 0, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return Decoded.ok(utf8, isAscii(bytes) ? "US-ASCII" : "UTF-8");
        }
        // Bytes that decode strictly as EUC-KR/CP949 into (almost) only Hangul are Korean: Latin-1 text almost never
        // forms valid double-byte pairs, and when it does they read as Hanja and symbols, not Hangul. This also
        // catches mostly-ASCII pages with a short Korean title, too short for the statistics below. It comes before
        // any line-by-line reading: some EUC-KR syllables (lead bytes C2-C8, trail A1-BF) are valid UTF-8 too.
        Decoded korean = decodeKorean(bytes);
        if (korean != null && mostlyHangul(korean.text())) {
            return korean;
        }
        Decoded mixed = byLines(bytes);
        if (mixed != null) {
            return mixed;
        }
        String detected = detect(bytes);
        if (korean != null && detected != null
                && (detected.equalsIgnoreCase("EUC-KR") || detected.equalsIgnoreCase("UHC"))) {
            return korean;
        }
        Decoded single = singleByte(bytes, 0, bytes.length);
        return new Decoded(single.text(), single.encoding(), confidence(single.text()), null);
    }

    /** Windows-1252, a superset of Latin-1's printable range; its five undefined bytes fall back to Latin-1. */
    private static Decoded singleByte(byte[] bytes, int from, int to) {
        String cp1252 = tryStrict(bytes, from, to, WINDOWS_1252);
        return cp1252 != null
                ? Decoded.ok(cp1252, "windows-1252")
                : Decoded.ok(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1), "ISO-8859-1");
    }

    /**
     * Line by line, when at least one line holds valid non-ASCII UTF-8 (so the file is not wholly in another
     * encoding) and another does not: each line as UTF-8 when valid, else as Korean when it decodes strictly to
     * Hangul, else as Windows-1252. Null when the file is not mixed that way.
     */
    private static Decoded byLines(byte[] bytes) {
        boolean utf8NonAscii = false;
        StringBuilder text = new StringBuilder(bytes.length);
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        long weighed = 0;
        double confirmed = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int to = Math.min(bytes.length, end + 1);
            String line;
            String enc;
            double conf;
            if (isAscii(bytes, start, to)) {
                line = new String(bytes, start, to - start, StandardCharsets.US_ASCII);
                enc = null;
                conf = 1.0;
            } else if ((line = tryStrict(bytes, start, to, StandardCharsets.UTF_8)) != null) {
                utf8NonAscii = true;
                enc = "UTF-8";
                conf = 1.0;
            } else {
                String korean = tryStrict(bytes, start, to, CP949);
                if (korean != null && mostlyHangul(korean)) {
                    line = korean;
                    enc = tryStrict(bytes, start, to, EUC_KR) != null ? "EUC-KR" : "CP949";
                    conf = 1.0;
                } else {
                    Decoded single = singleByte(bytes, start, to);
                    line = single.text();
                    enc = single.encoding();
                    conf = confidence(line);
                }
            }
            if (enc != null) {
                used.add(enc);
                int nonAscii = nonAscii(line);
                weighed += nonAscii;
                confirmed += conf * nonAscii;
            }
            text.append(line);
            start = to;
        }
        if (!utf8NonAscii || used.size() < 2) {
            return null;
        }
        return new Decoded(text.toString(), "mixed (" + String.join(", ", used) + ")",
                weighed == 0 ? 1.0 : confirmed / weighed, null);
    }

    /**
     * The share of non-ASCII characters of a single-byte decode that look like real Latin text: letters and
     * common signs in runs of at most two among ASCII (é, £, ß, «»), not long runs (mojibake) nor C1-like signs.
     */
    static double confidence(String singleByteText) {
        int nonAscii = 0;
        int plausible = 0;
        int i = 0;
        int n = singleByteText.length();
        while (i < n) {
            if (singleByteText.charAt(i) < 0x80) {
                i++;
                continue;
            }
            int runStart = i;
            while (i < n && singleByteText.charAt(i) >= 0x80) {
                i++;
            }
            int run = i - runStart;
            nonAscii += run;
            if (run <= 2) {
                for (int k = runStart; k < i; k++) {
                    if (plausibleLatin(singleByteText.charAt(k))) {
                        plausible++;
                    }
                }
            }
        }
        return nonAscii == 0 ? 1.0 : (double) plausible / nonAscii;
    }

    private static boolean plausibleLatin(char c) {
        return Character.isLetter(c) || "£€©®°±«»·¿¡–—‘’‚“”„…•§¶×÷¢¥\u00A0".indexOf(c) >= 0;
    }

    private static int nonAscii(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                n++;
            }
        }
        return n;
    }

    private static Decoded decodeKorean(byte[] bytes) {
        String euc = tryStrict(bytes, 0, bytes.length, EUC_KR);
        if (euc != null) {
            return Decoded.ok(euc, "EUC-KR");
        }
        String cp949 = tryStrict(bytes, 0, bytes.length, CP949);
        return cp949 != null ? Decoded.ok(cp949, "CP949") : null;
    }

    private static boolean mostlyHangul(String text) {
        int nonAscii = 0;
        int hangul = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                nonAscii++;
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL) {
                    hangul++;
                }
            }
        }
        return nonAscii > 0 && hangul * 10 >= nonAscii * 9;
    }

    private static String detect(byte[] bytes) {
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(bytes, 0, Math.min(bytes.length, 1 << 16));
        detector.dataEnd();
        return detector.getDetectedCharset();
    }

    private static Decoded strict(byte[] bytes, int offset, Charset cs, String label) {
        String text = tryStrict(bytes, offset, bytes.length, cs);
        return text != null ? Decoded.ok(text, label) : Decoded.failed("invalid " + cs.name() + " after its byte-order mark");
    }

    private static String tryStrict(byte[] bytes, int offset, Charset cs) {
        return tryStrict(bytes, offset, bytes.length, cs);
    }

    private static String tryStrict(byte[] bytes, int from, int to, Charset cs) {
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        return isAscii(bytes, 0, bytes.length);
    }

    private static boolean isAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
