package io.newsetl.entities;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits English text into sentences ({@link BreakIterator}) and tokens as CoNLL-2003 (Penn Treebank style) tokenised
 * its Reuters text, keeping character offsets: {@code U.S.}, {@code Inc.}, {@code 1996-08-22} and {@code 10,000}
 * stay whole; {@code 's}, {@code n't} and punctuation become tokens of their own. The model was trained on such
 * tokens, so tokenising like them matters more than any other choice here.
 *
 * <pre>{@code
 * new NerTokenizer().sentences("Mr. Kim met U.S. envoys. Talks resume.", 0);
 * // [[Mr.][Kim][met][U.S.][envoys][.]] [[Talks][resume][.]], each token with its start and end offsets
 * }</pre>
 * Not thread-safe (it reuses one {@link BreakIterator}); make one per task.
 */
public final class NerTokenizer {

    /** A token and its offsets in the text that was split. */
    public record Token(String text, int start, int end) {
    }

    private static final String ABBREVIATIONS = "Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Inc|Corp|Co|Ltd|Bhd|Plc|Cie|Gen|Col|Lt|Sgt"
            + "|Capt|Cmdr|Adm|Gov|Sen|Rep|Rev|Pres|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Ave|Dept"
            + "|Univ|Bros|approx|est|etc|Calif|Mass|Ariz|Colo|Conn|Fla|Ill|Ind|Kan|Mich|Minn|Miss|Ore|Penn|Tenn|Tex"
            + "|Va|Wash|Wis";
    private static final Pattern TOKEN = Pattern.compile(
            "^\\p{N}{1,3}\\.(?=\\s)"                          // 1. (a rank or list number at the line start)
            + "|(?:\\p{L}\\.){2,}(?!\\p{L})"                  // U.S.  U.N.  S.A.
            + "|\\p{Lu}\\.(?=\\s+\\p{Lu})"                     // J. Smith (an initial)
            + "|(?=\\p{L}{1,6}\\.)(?:" + ABBREVIATIONS + ")\\.(?!\\p{L})" // Mr.  Inc.  Sept. (the lookahead skips the list fast)
            + "|(?<![\\p{L}\\p{N}])[+-]?\\.?\\p{N}+(?:[.,:/-]\\p{N}+)*\\p{L}*(?:-\\p{L}+)*" // 10,000 +1 .500 1970s 24-hour
            + "|[nN]['’][tT](?!\\p{L})"                        // n't
            + "|['’][sSdDmM](?!\\p{L})|['’](?:ll|re|ve|LL|RE|VE)(?!\\p{L})"
            + "|\\p{L}[\\p{L}\\p{N}\\p{M}]*?(?=[nN]['’][tT](?!\\p{L}))" // do|n't
            + "|\\p{L}[\\p{L}\\p{N}\\p{M}]*(?:(?:[-&.]|['’](?!(?:[sSdDmM]|ll|re|ve|LL|RE|VE)(?!\\p{L})))[\\p{L}\\p{N}\\p{M}]+)*"
            + "|-{2,}|\\.{2,}|\\S");

    private final BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);

    /** The sentences of one paragraph (lines are sentence boundaries too); offsets are shifted by {@code base}. */
    public List<List<Token>> sentences(String text, int base) {
        List<List<Token>> out = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? text.length() : nl;
            if (lineEnd > lineStart) {
                String line = text.substring(lineStart, lineEnd);
                sentences.setText(line);
                int s = sentences.first();
                List<Token> pending = null;
                int first = out.size();
                for (int e = sentences.next(); e != BreakIterator.DONE; s = e, e = sentences.next()) {
                    List<Token> tokens = tokens(line, s, e, base + lineStart);
                    if (pending != null) {
                        pending.addAll(tokens);
                        tokens = pending;
                        pending = null;
                    }
                    if (tokens.isEmpty()) {
                        continue;   // a stretch of spaces the sentence iterator cut off on its own
                    }
                    if (tokens.size() == 1 || continues(tokens.get(tokens.size() - 1).text())) {
                        // A lone token ("1." of a ranking, a closing quote) is not a sentence, and one ending in an
                        // initial or a title ("J.", "Mr.") goes on: they join a neighbour.
                        pending = new ArrayList<>(tokens);
                    } else {
                        out.add(tokens);
                    }
                }
                if (pending != null) {
                    if (out.size() > first) {
                        List<Token> last = new ArrayList<>(out.get(out.size() - 1));
                        last.addAll(pending);
                        out.set(out.size() - 1, last);
                    } else {
                        out.add(pending);
                    }
                }
            }
            if (nl < 0) {
                break;
            }
            lineStart = nl + 1;
        }
        return out;
    }

    private static final Pattern CONTINUES = Pattern.compile("\\p{Lu}\\.|(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Capt"
            + "|Cmdr|Adm|Gov|Sen|Rep|Rev|Pres|No|vs)\\.");

    private static boolean continues(String lastToken) {
        return CONTINUES.matcher(lastToken).matches();
    }

    /** The tokens of {@code text[from, to)}, offsets shifted by {@code base}. */
    public static List<Token> tokens(String text, int from, int to, int base) {
        List<Token> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text).region(from, to).useTransparentBounds(true);
        while (m.find()) {
            out.add(new Token(m.group(), base + m.start(), base + m.end()));
        }
        return out;
    }
}
