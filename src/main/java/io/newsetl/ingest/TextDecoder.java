package io.newsetl.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decodes article bytes to text by detected encoding: BOM first, then strict UTF-8, then statistical detection
 * (juniversalchardet) between EUC-KR/CP949 and Latin-1/Windows-1252.
 *
 * <pre>{@code
 * TextDecoder.decode("£5".getBytes(ISO_8859_1))  // Decoded[text="£5", encoding="windows-1252"]
 * TextDecoder.decode(new byte[]{(byte)0xEF,(byte)0xBB,(byte)0xBF,'h','i'})  // Decoded[text="hi", encoding="UTF-8"]
 * }</pre>
 */
public final class TextDecoder {

    /** Decoded text and the charset used; {@code error} is set instead when no charset fits. */
    public record Decoded(String text, String encoding, String error) {
        static Decoded ok(String text, String encoding) {
            return new Decoded(text, encoding, null);
        }

        static Decoded failed(String error) {
            return new Decoded(null, null, error);
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
        // catches mostly-ASCII pages with a short Korean title, too short for the statistics below.
        Decoded korean = decodeKorean(bytes);
        if (korean != null && mostlyHangul(korean.text())) {
            return korean;
        }
        String detected = detect(bytes);
        if (korean != null && detected != null
                && (detected.equalsIgnoreCase("EUC-KR") || detected.equalsIgnoreCase("UHC"))) {
            return korean;
        }
        // Windows-1252 is a superset of Latin-1's printable range; its five undefined bytes fall back to Latin-1.
        String cp1252 = tryStrict(bytes, 0, WINDOWS_1252);
        return cp1252 != null
                ? Decoded.ok(cp1252, "windows-1252")
                : Decoded.ok(new String(bytes, StandardCharsets.ISO_8859_1), "ISO-8859-1");
    }

    private static Decoded decodeKorean(byte[] bytes) {
        String euc = tryStrict(bytes, 0, EUC_KR);
        if (euc != null) {
            return Decoded.ok(euc, "EUC-KR");
        }
        String cp949 = tryStrict(bytes, 0, CP949);
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
        String text = tryStrict(bytes, offset, cs);
        return text != null ? Decoded.ok(text, label) : Decoded.failed("invalid " + cs.name() + " after its byte-order mark");
    }

    private static String tryStrict(byte[] bytes, int offset, Charset cs) {
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
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
