package io.newsetl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.newsetl.testing.SharedData;
import org.junit.jupiter.api.Test;

class TextDecoderTest {

    private static final String KOREAN = "북한과 미국의 정상이 오늘 싱가포르에서 만나 한반도의 비핵화에 대해 논의했습니다.";

    @Test
    void asciiAndUtf8() {
        assertThat(TextDecoder.decode("plain".getBytes(StandardCharsets.US_ASCII)).encoding()).isEqualTo("US-ASCII");
        TextDecoder.Decoded d = TextDecoder.decode("입력 2018.05.29 £".getBytes(StandardCharsets.UTF_8));
        assertThat(d.text()).isEqualTo("입력 2018.05.29 £");
        assertThat(d.encoding()).isEqualTo("UTF-8");
    }

    @Test
    void byteOrderMarks() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'};
        assertThat(TextDecoder.decode(bom)).isEqualTo(new TextDecoder.Decoded("hi", "UTF-8 (BOM)", 1.0, null));
        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "한국 news".getBytes(StandardCharsets.UTF_16LE));
        assertThat(TextDecoder.decode(utf16).text()).isEqualTo("한국 news");
        byte[] broken = {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xD8, 'a'};
        assertThat(TextDecoder.decode(broken).isOk()).isFalse();
    }

    @Test
    void eucKrAndCp949() {
        TextDecoder.Decoded euc = TextDecoder.decode(KOREAN.getBytes(Charset.forName("EUC-KR")));
        assertThat(euc.text()).isEqualTo(KOREAN);
        assertThat(euc.encoding()).isEqualTo("EUC-KR");
        // 똠 and 햏 exist only in CP949 (Unified Hangul Code), not in EUC-KR.
        String cp949Only = "똠방각하 전시회가 서울에서 열렸고 관람객들은 햏자 앞에서 사진을 찍었습니다.";
        TextDecoder.Decoded cp = TextDecoder.decode(cp949Only.getBytes(Charset.forName("x-windows-949")));
        assertThat(cp.text()).isEqualTo(cp949Only);
        assertThat(cp.encoding()).isEqualTo("CP949");
    }

    @Test
    void latin1PoundSign() {
        String text = "The pound rose to £1.89 against the dollar at a café in the City.";
        TextDecoder.Decoded d = TextDecoder.decode(text.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(d.text()).isEqualTo(text);
        assertThat(d.encoding()).isIn("windows-1252", "ISO-8859-1");
    }

    @Test
    void bbcLatin1FileHasARealPoundSign() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedData.require("bbc/sport/199.txt"));
        TextDecoder.Decoded d = TextDecoder.decode(bytes);
        assertThat(d.encoding()).isIn("windows-1252", "ISO-8859-1");
        assertThat(d.text()).contains("£").doesNotContain("\uFFFD");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aKoreanFileIsNotReadLineByLineWhenSomeOfItsLinesLookLikeUtf8() {
        // 화 is C8 AD in EUC-KR: also a valid two-byte UTF-8 sequence (U+022D).
        byte[] bytes = "화\n북한과 미국의 실무 회담이 재개됩니다.\n".getBytes(java.nio.charset.Charset.forName("EUC-KR"));
        TextDecoder.Decoded d = TextDecoder.decode(bytes);
        assertThat(d.encoding()).isEqualTo("EUC-KR");
        assertThat(d.text()).startsWith("화\n북한과");
    }
}
