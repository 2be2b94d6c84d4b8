package io.newsetl.entities;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Proper-noun candidates of Korean text from Lucene Nori's morphological analysis: runs of adjacent {@code NNP}
 * (proper noun) morphemes, with their character offsets; particles such as 은/는/이/가 are separate morphemes, so
 * {@code 문재인은} gives {@code 문재인}.
 *
 * <pre>{@code
 * new KoreanNounFinder().properNouns("문재인 대통령은 평양에 도착했다.");   // [문재인 [0,3), 평양 [8,10)]
 * }</pre>
 * Not thread-safe (one Nori tokenizer reused); make one per task.
 */
public final class KoreanNounFinder {

    /** A proper noun and its offsets in the analysed text. */
    public record Noun(String text, int start, int end) {
    }

    private final KoreanTokenizer tokenizer = new KoreanTokenizer(KoreanTokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
            null, KoreanTokenizer.DecompoundMode.NONE, false);
    private final CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
    private final PartOfSpeechAttribute pos = tokenizer.addAttribute(PartOfSpeechAttribute.class);

    public List<Noun> properNouns(String text) {
        List<Noun> out = new ArrayList<>();
        try {
            tokenizer.setReader(new StringReader(text));
            tokenizer.reset();
            int start = -1;
            int end = -1;
            while (tokenizer.incrementToken()) {
                boolean nnp = pos.getLeftPOS() == POS.Tag.NNP && term.length() > 0;
                if (nnp && start >= 0 && offset.startOffset() <= end + 1) {
                    end = offset.endOffset();
                    continue;
                }
                if (start >= 0) {
                    out.add(new Noun(text.substring(start, end), start, end));
                    start = -1;
                }
                if (nnp) {
                    start = offset.startOffset();
                    end = offset.endOffset();
                }
            }
            if (start >= 0) {
                out.add(new Noun(text.substring(start, end), start, end));
            }
            tokenizer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                tokenizer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
