package io.newsetl.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Curated names with their type and canonical form, matched in text with an Aho-Corasick automaton (whole words,
 * case-sensitive, longest match wins). One file per type, {@code persons.tsv} (PER), {@code organisations.tsv} (ORG),
 * {@code places.tsv} (LOC) and {@code misc.tsv} (MISC); each line is a canonical name followed by its aliases,
 * tab-separated, and {@code #} starts a comment:
 *
 * <pre>
 * Choe Son-hui	Choe Son Hui	최선희
 * Donald Trump	Trump	President Trump	트럼프
 * </pre>
 *
 * Immutable and thread-safe once built: one per executor.
 */
public final class Gazetteer {

    /** Files and the entity type they hold. */
    public static final Map<String, String> FILES = Map.of("persons.tsv", "PER", "organisations.tsv", "ORG",
            "places.tsv", "LOC", "misc.tsv", "MISC", "not-entities.tsv", Gazetteer.NOT_AN_ENTITY);
    /**
     * The type of the names of {@code not-entities.tsv}: capitalised words that are never a named entity
     * (holidays, time zones), which the tagger drops wherever the model finds them alone.
     */
    public static final String NOT_AN_ENTITY = "O";
    /** Where the bundled gazetteers (a copy of conf/gazetteers) sit on the classpath. */
    public static final String BUNDLED = "/gazetteers/";

    /** A name as listed: the alias written in text, its canonical form and type. */
    public record Entry(String alias, String canonical, String type) {
    }

    /** An alias found in text: {@code [start, end)} character offsets. */
    public record Match(int start, int end, Entry entry) {
    }

    private final Map<String, Entry> byAlias;
    private final Trie trie;
    private final Trie hangulTrie;

    private Gazetteer(Map<String, Entry> byAlias) {
        this.byAlias = byAlias;
        this.trie = Trie.builder().onlyWholeWords().ignoreOverlaps().addKeywords(byAlias.keySet()).build();
        // Korean attaches particles to nouns (문재인은), so Hangul aliases match at a word start, not as whole words.
        this.hangulTrie = Trie.builder().ignoreOverlaps().addKeywords(byAlias.keySet().stream()
                .filter(Gazetteer::hasHangul).toList()).build();
    }

    private static boolean hasHangul(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }

    /** The gazetteers of {@code dir}, or the bundled ones when {@code dir} is empty. */
    public static Gazetteer load(String dir) {
        Map<String, Entry> entries = new HashMap<>();
        for (Map.Entry<String, String> f : new java.util.TreeMap<>(FILES).entrySet()) {
            String text;
            if (dir == null || dir.isEmpty()) {
                try (InputStream in = Gazetteer.class.getResourceAsStream(BUNDLED + f.getKey())) {
                    if (in == null) {
                        throw new IllegalStateException("Bundled gazetteer " + f.getKey() + " is missing from the jar");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                Path p = Path.of(dir, f.getKey());
                if (!Files.exists(p)) {
                    continue;
                }
                try {
                    text = Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read gazetteer " + p + ": " + e.getMessage(), e);
                }
            }
            parse(text, f.getValue(), entries);
        }
        return new Gazetteer(entries);
    }

    /** Builds a gazetteer from TSV text of one type (for tests and tools). */
    public static Gazetteer of(Map<String, String> textByType) {
        Map<String, Entry> entries = new HashMap<>();
        new java.util.TreeMap<>(textByType).forEach((type, text) -> parse(text, type, entries));
        return new Gazetteer(entries);
    }

    private static void parse(String text, String type, Map<String, Entry> into) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] names = l.split("\t");
            String canonical = names[0].strip();
            for (String alias : names) {
                String a = alias.strip();
                if (!a.isEmpty()) {
                    // First file and first line win: a listed alias never silently changes type.
                    into.putIfAbsent(a, new Entry(a, canonical, type));
                }
            }
        }
    }

    public List<Match> find(String text) {
        List<Match> out = new ArrayList<>();
        for (Emit e : trie.parseText(text)) {
            out.add(new Match(e.getStart(), e.getEnd() + 1, byAlias.get(e.getKeyword())));
        }
        out.sort(java.util.Comparator.comparingInt(Match::start));
        return out;
    }

    /** Hangul aliases found at the start of a word of Korean text (particles may follow them). */
    public List<Match> findKorean(String text) {
        List<Match> out = new ArrayList<>();
        for (Emit e : hangulTrie.parseText(text)) {
            if (e.getStart() == 0 || !Character.isLetterOrDigit(text.charAt(e.getStart() - 1))) {
                out.add(new Match(e.getStart(), e.getEnd() + 1, byAlias.get(e.getKeyword())));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Match::start));
        return out;
    }

    /** The entry of an exact alias, or null. */
    public Entry lookup(String alias) {
        return byAlias.get(alias);
    }

    public int size() {
        return byAlias.size();
    }
}
