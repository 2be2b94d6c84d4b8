package io.newsetl.entities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.newsetl.entities.tagger.SequenceTagger;
import io.newsetl.names.Aliases;
import io.newsetl.names.ArticleNames;
import opennlp.tools.util.Span;

/**
 * Finds the named entities of one article body (paragraphs separated by a blank line), with offsets into that body.
 *
 * <p>English (and undetermined) text: the sequence tagger of the {@link NerModel} tags each sentence, with document
 * evidence of the whole article, {@link DocumentConsistency} adds the mentions it missed, and the gazetteer's
 * matches are merged in with this precedence:
 * <ol>
 *   <li>a gazetteer match is always kept, with the gazetteer's type and canonical name (source {@code gazetteer},
 *       or {@code model+gazetteer} with the model's score when the model found the same span);</li>
 *   <li>a model span that contains exactly one gazetteer match and more words around it is kept instead of that
 *       match (the longer name: "Korea Development Institute" over "Korea");</li>
 *   <li>a model span that crosses a match boundary or covers several matches is dropped: the curated names split
 *       it ("Philippines Sung Kim" becomes Philippines and Sung Kim);</li>
 *   <li>other model spans are kept (source {@code model}); their canonical name is the gazetteer's when the text is a
 *       listed alias of the same type, else the text itself;</li>
 *   <li>a listed name that is not an entity ({@code not-entities.tsv}: "Christmas", "GMT") is never a mention:
 *       a model span of exactly that text is dropped.</li>
 * </ol>
 * Korean text: the gazetteer's Hangul aliases (at a word start, particles may follow), then Lucene Nori's proper
 * nouns that overlap none of them, typed through the gazetteer, else MISC (source {@code nori}).
 *
 * <pre>{@code
 * EntityTagger t = new EntityTagger(NerModel.load(""), Gazetteer.load(""));
 * t.tag("Secretary of State Mike Pompeo spoke in Congress.", "en");
 * // [Mention[paragraph=0, start=19, end=30, text=Mike Pompeo, type=PER, ...], Mention[... Congress, ORG ...]]
 * }</pre>
 * Not thread-safe: one per task ({@code mapPartitions}); the model and gazetteer it holds are shared.
 */
public final class EntityTagger {

    /** One entity mention; {@code start}/{@code end} are character offsets into the body, end exclusive. */
    public record Mention(int paragraph, int start, int end, String text, String type, String canonical,
            String source, Double score, String title) {
        Mention(int paragraph, int start, int end, String text, String type, String canonical, String source,
                Double score) {
            this(paragraph, start, end, text, type, canonical, source, score, null);
        }
    }

    private final SequenceTagger sequenceTagger;
    private final Gazetteer gazetteer;
    private final Aliases aliases;
    private final TagBudget budget;
    private final NerTokenizer tokenizer = new NerTokenizer();
    private KoreanNounFinder korean;
    private long charsRead;

    public EntityTagger(NerModel model, Gazetteer gazetteer) {
        this(model, gazetteer, TagBudget.defaults());
    }

    public EntityTagger(NerModel model, Gazetteer gazetteer, TagBudget budget) {
        this(model, gazetteer, budget, Aliases.none());
    }

    public EntityTagger(NerModel model, Gazetteer gazetteer, TagBudget budget, Aliases aliases) {
        this.aliases = aliases;
        this.sequenceTagger = model.newTagger();
        this.gazetteer = gazetteer;
        this.budget = budget;
    }

    /**
     * The mentions of one body as the job writes them: found ({@link #find}), then the article's names resolved
     * ({@link ArticleNames}: one type per name, short forms to the fullest name, editors' aliases) with the title
     * before each person. Only the part of the body within the {@link TagBudget} is read.
     */
    public List<Mention> tag(String body, String language) {
        List<Mention> found = find(body, language);
        return found.isEmpty() ? found : resolveNames(body, found);
    }

    /**
     * The mentions as the tagger finds them, before names are resolved: each with the type the model or the
     * gazetteer gave it there. {@code eval-ner} scores these as the tagger's own figures.
     */
    public List<Mention> find(String body, String language) {
        if (body == null || body.isEmpty()) {
            return List.of();
        }
        List<int[]> paragraphs = io.newsetl.model.Body.paragraphRanges(body);
        List<int[]> read = budget.ranges(body, paragraphs);
        for (int[] r : read) {
            charsRead += r[1] - r[0];
        }
        List<Mention> out = "ko".equals(language) ? korean(body, paragraphs, read) : english(body, paragraphs, read);
        out.sort(Comparator.comparingInt(Mention::start).thenComparingInt(Mention::end));
        return out;
    }

    /**
     * The article's names resolved ({@link ArticleNames}: one type per name, short forms of people to the fullest
     * name, editors' aliases), and the title before each person mention ("Mr", "Prime Minister").
     */
    private List<Mention> resolveNames(String body, List<Mention> mentions) {
        List<Mention> current = mentions;
        List<ArticleNames.Resolved> resolved = resolve(body, current);
        // A mention that resolution made a person ("Lord Woolf" tagged ORG beside "Woolf" tagged PER) keeps no
        // title either: shrink it and resolve again, so that names are grouped without their titles.
        for (int round = 0; round < 3; round++) {
            List<Mention> stripped = new ArrayList<>(current.size());
            boolean changed = false;
            for (int i = 0; i < current.size(); i++) {
                Mention m = current.get(i);
                int cut = resolved.get(i).type().equals("PER") ? titleChars(m.text()) : 0;
                if (cut > 0) {
                    changed = true;
                    stripped.add(new Mention(m.paragraph(), m.start() + cut, m.end(), m.text().substring(cut),
                            m.type(), m.canonical(), m.source(), m.score()));
                } else {
                    stripped.add(m);
                }
            }
            if (!changed) {
                break;
            }
            current = stripped;
            resolved = resolve(body, current);
        }
        List<Mention> out = new ArrayList<>(current.size());
        for (int i = 0; i < current.size(); i++) {
            Mention m = current.get(i);
            ArticleNames.Resolved r = resolved.get(i);
            out.add(new Mention(m.paragraph(), m.start(), m.end(), m.text(), r.type(), r.canonical(), m.source(),
                    m.score(), r.type().equals("PER") ? Titles.before(body, m.start()) : null));
        }
        return out;
    }

    private List<ArticleNames.Resolved> resolve(String body, List<Mention> mentions) {
        List<ArticleNames.Mention> in = new ArrayList<>(mentions.size());
        for (Mention m : mentions) {
            in.add(new ArticleNames.Mention(m.text(), m.type(), m.source().contains("gazetteer") ? m.canonical()
                    : null, m.score(), standsAlone(body, m.start(), m.end())));
        }
        return ArticleNames.resolve(in, aliases);
    }

    /** Words after a name that make it a family's, not one person's ("the Agnelli family"). */
    private static final java.util.Set<String> FAMILY = java.util.Set.of("family", "families", "clan", "dynasty",
            "household", "brothers", "sisters", "twins");
    /** Words before a name that make it another bearer of the name ("an O'Sullivan", "another Smith"). */
    private static final java.util.Set<String> ANOTHER = java.util.Set.of("a", "an", "another", "every", "any");

    /**
     * Whether the name at {@code start..end} stands for a family or for another bearer of the name, by the word
     * right after it (family, clan, dynasty, ...) or right before it (a, an, another, ...).
     */
    static boolean standsAlone(String body, int start, int end) {
        return FAMILY.contains(wordAt(body, end, true)) || ANOTHER.contains(wordAt(body, start, false));
    }

    /** The word (lower case) right after {@code at} (forward) or right before it, across one space; "" if none. */
    private static String wordAt(String body, int at, boolean forward) {
        if (forward) {
            if (at >= body.length() || body.charAt(at) != ' ') {
                return "";
            }
            int e = at + 1;
            while (e < body.length() && Character.isLetter(body.charAt(e))) {
                e++;
            }
            return body.substring(at + 1, e).toLowerCase(java.util.Locale.ROOT);
        }
        if (at < 2 || body.charAt(at - 1) != ' ') {
            return "";
        }
        int b = at - 1;
        while (b > 0 && Character.isLetter(body.charAt(b - 1))) {
            b--;
        }
        // Only a lower-case word counts: "A Smith" at a sentence start is an initial.
        String w = body.substring(b, at - 1);
        return w.equals(w.toLowerCase(java.util.Locale.ROOT)) ? w : "";
    }

    /** Characters of the title that opens a mention's text ("Lord " of "Lord Woolf"), 0 when none or all of it. */
    static int titleChars(String text) {
        String[] words = text.split(" ");
        int n = Titles.leading(words, 0, words.length);
        if (n == 0 || n == words.length) {
            return 0;
        }
        int at = 0;
        for (int w = 0; w < n; w++) {
            at = text.indexOf(' ', at) + 1;
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }
        return at;
    }

    /** Work counter: characters of bodies this tagger has read (tokenised, matched, tagged) since it was made. */
    public long charsRead() {
        return charsRead;
    }

    /** Model spans over tokens, as character spans into {@code text}, with the model's probability. */
    public List<Span> modelSpans(String text) {
        return modelSpans(tokenizer.sentences(text, 0));
    }

    private List<Span> modelSpans(List<List<NerTokenizer.Token>> sentences) {
        List<String[]> words = new ArrayList<>(sentences.size());
        for (List<NerTokenizer.Token> s : sentences) {
            String[] w = new String[s.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = s.get(i).text();
            }
            words.add(w);
        }
        List<List<Span>> spans = tokenSpans(words);
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            List<NerTokenizer.Token> toks = sentences.get(i);
            for (Span s : spans.get(i)) {
                out.add(new Span(toks.get(s.getStart()).start(), toks.get(s.getEnd() - 1).end(), s.getType(),
                        s.getProb()));
            }
        }
        return out;
    }

    /**
     * The model's spans over the tokens of each sentence of one document (already tokenised: CoNLL's gold tokens,
     * or ours): the sequence tagger, titles left out, touching spans of one type joined, then
     * {@link DocumentConsistency}. A span added by the latter has no score ({@code NaN}).
     */
    public List<List<Span>> tokenSpans(List<String[]> words) {
        List<List<Span>> tagged = sequenceTagger.tag(words);
        List<List<Span>> found = new ArrayList<>(words.size());
        for (int si = 0; si < tagged.size(); si++) {
            Span[] spans = tagged.get(si).toArray(Span[]::new);
            double[] p = new double[spans.length];
            for (int k = 0; k < spans.length; k++) {
                p[k] = spans[k].getProb();
            }
            int merged = mergeAdjacent(spans, p);
            // Titles after joining: the model may tag "Mr" and "Blair" apart, and joining makes "Mr Blair".
            List<Span> kept = new ArrayList<>(merged);
            for (int k = 0; k < merged; k++) {
                Span t = withoutTitle(new Span(spans[k].getStart(), spans[k].getEnd(), spans[k].getType(), p[k]),
                        words.get(si));
                if (t != null) {
                    kept.add(t);
                }
            }
            found.add(kept);
        }
        List<List<Span>> consistent = DocumentConsistency.apply(words, found);
        List<List<Span>> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            List<Span> sentence = new ArrayList<>(consistent.get(i).size());
            for (Span s : consistent.get(i)) {
                int k = found.get(i).indexOf(s); // Span equality ignores the score
                sentence.add(new Span(s.getStart(), s.getEnd(), s.getType(),
                        k >= 0 ? found.get(i).get(k).getProb() : Double.NaN));
            }
            out.add(sentence);
        }
        return out;
    }

    /**
     * A person span without the {@link Titles} that lead it ("Mr Blair" → "Blair", "Prime Minister Tony Blair" →
     * "Tony Blair"); null when the span is nothing but a title; other spans as they are.
     */
    static Span withoutTitle(Span s, String[] words) {
        if (!"PER".equals(s.getType())) {
            return s;
        }
        int title = Titles.leading(words, s.getStart(), s.getEnd());
        if (title == 0) {
            return s;
        }
        return title >= s.length() ? null : new Span(s.getStart() + title, s.getEnd(), s.getType(), s.getProb());
    }

    /**
     * Joins spans of the same type that touch ({@code Franco|PER Properzi Curti|PER} → {@code Franco Properzi
     * Curti|PER}), in place; returns how many spans remain at the front of {@code spans}, with their probabilities
     * (token-weighted means) at the front of {@code probs}. The model opens a second name where an unknown name goes
     * on far more often than two names of one type really touch (CoNLL marks those with B-: 20 of 5,648 entities in
     * eng.testb): on eng.testa, the development set, joining them gained 0.4 F1 (0.7 on eng.testb).
     */
    static int mergeAdjacent(Span[] spans, double[] probs) {
        int n = 0;
        for (int i = 0; i < spans.length; i++) {
            Span s = spans[i];
            if (n > 0 && spans[n - 1].getEnd() == s.getStart() && spans[n - 1].getType().equals(s.getType())) {
                Span last = spans[n - 1];
                probs[n - 1] = (probs[n - 1] * last.length() + probs[i] * s.length()) / (last.length() + s.length());
                spans[n - 1] = new Span(last.getStart(), s.getEnd(), s.getType());
            } else {
                spans[n] = s;
                probs[n] = probs[i];
                n++;
            }
        }
        return n;
    }

    /** {@code find} applied to each range read, with offsets into the body. */
    private static List<Gazetteer.Match> inRanges(String body, List<int[]> read,
            java.util.function.Function<String, List<Gazetteer.Match>> find) {
        List<Gazetteer.Match> out = new ArrayList<>();
        for (int[] r : read) {
            for (Gazetteer.Match m : find.apply(body.substring(r[0], r[1]))) {
                out.add(new Gazetteer.Match(m.start() + r[0], m.end() + r[0], m.entry()));
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private List<Mention> english(String body, List<int[]> paragraphs, List<int[]> read) {
        List<List<NerTokenizer.Token>> sentences = new ArrayList<>();
        for (int[] p : read) {
            sentences.addAll(tokenizer.sentences(body.substring(p[0], p[1]), p[0]));
        }
        List<Span> spans = modelSpans(sentences);
        List<Gazetteer.Match> matches = inRanges(body, read, gazetteer::find);
        List<Mention> out = new ArrayList<>();
        boolean[] matchReplaced = new boolean[matches.size()];
        Double[] matchScore = new Double[matches.size()];
        for (Span s : spans) {
            List<Integer> inside = new ArrayList<>();
            boolean crosses = false;
            for (int m = 0; m < matches.size(); m++) {
                Gazetteer.Match g = matches.get(m);
                if (g.end() <= s.getStart() || g.start() >= s.getEnd()) {
                    continue;
                }
                if (g.start() == s.getStart() && g.end() == s.getEnd()) {
                    matchScore[m] = score(s);
                    inside.clear();
                    crosses = true; // the gazetteer's own mention stands for both
                    break;
                }
                if (g.start() >= s.getStart() && g.end() <= s.getEnd()) {
                    inside.add(m);
                } else {
                    crosses = true;
                }
            }
            if (crosses || inside.size() > 1) {
                continue;
            }
            if (inside.size() == 1) {
                matchReplaced[inside.get(0)] = true;
            }
            String text = body.substring(s.getStart(), s.getEnd());
            Gazetteer.Entry e = gazetteer.lookup(text);
            String canonical = e != null && e.type().equals(s.getType()) ? e.canonical()
                    : SPACES.matcher(text).replaceAll(" ");
            out.add(new Mention(paragraphOf(paragraphs, s.getStart()), s.getStart(), s.getEnd(), text, s.getType(),
                    canonical, "model", score(s)));
        }
        for (int m = 0; m < matches.size(); m++) {
            if (!matchReplaced[m] && !matches.get(m).entry().type().equals(Gazetteer.NOT_AN_ENTITY)) {
                Gazetteer.Match g = matches.get(m);
                out.add(new Mention(paragraphOf(paragraphs, g.start()), g.start(), g.end(),
                        body.substring(g.start(), g.end()), g.entry().type(), g.entry().canonical(),
                        matchScore[m] == null ? "gazetteer" : "model+gazetteer", matchScore[m]));
            }
        }
        return out;
    }

    private List<Mention> korean(String body, List<int[]> paragraphs, List<int[]> read) {
        if (korean == null) {
            korean = new KoreanNounFinder();
        }
        List<Mention> out = new ArrayList<>();
        List<Gazetteer.Match> listed = inRanges(body, read, gazetteer::findKorean);
        listed.removeIf(g -> g.entry().type().equals(Gazetteer.NOT_AN_ENTITY));
        for (Gazetteer.Match g : listed) {
            out.add(new Mention(paragraphOf(paragraphs, g.start()), g.start(), g.end(),
                    body.substring(g.start(), g.end()), g.entry().type(), g.entry().canonical(), "gazetteer", null));
        }
        List<KoreanNounFinder.Noun> nouns = new ArrayList<>();
        for (int[] r : read) {
            for (KoreanNounFinder.Noun n : korean.properNouns(body.substring(r[0], r[1]))) {
                nouns.add(new KoreanNounFinder.Noun(n.text(), n.start() + r[0], n.end() + r[0]));
            }
        }
        for (KoreanNounFinder.Noun n : nouns) {
            if (listed.stream().anyMatch(g -> g.start() < n.end() && n.start() < g.end())) {
                continue;
            }
            Gazetteer.Entry e = gazetteer.lookup(n.text());
            out.add(new Mention(paragraphOf(paragraphs, n.start()), n.start(), n.end(), n.text(),
                    e == null ? "MISC" : e.type(), e == null ? n.text() : e.canonical(),
                    e == null ? "nori" : "nori+gazetteer", null));
        }
        return out;
    }

    private static Double score(Span s) {
        return Double.isNaN(s.getProb()) ? null : Math.round(s.getProb() * 10000) / 10000.0;
    }

    /** The paragraph holding {@code offset}: a binary search, since a body may hold millions of paragraphs. */
    private static int paragraphOf(List<int[]> paragraphs, int offset) {
        int lo = 0;
        int hi = paragraphs.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (paragraphs.get(mid)[0] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
