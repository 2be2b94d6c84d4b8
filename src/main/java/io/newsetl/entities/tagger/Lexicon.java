package io.newsetl.entities.tagger;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.ObjectIntHashMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tagger's lexical knowledge, learned from far more text than the labelled data: word clusters (Brown clusters
 * over news and web text) and name lists (places, countries, regions, given and family names, companies). Derived by
 * {@link LexiconBuilder} from the sources named in NOTICE, bundled as {@code ner-en-lexicon.tsv.gz}, and read once per
 * JVM with the model. Words and phrases are held only as 64-bit hashes (about 25 bytes per word in the heap).
 *
 * <p>File lines: {@code cluster<TAB>source<TAB>word<TAB>bit-path} and {@code list<TAB>category<TAB>token token ...}.
 *
 * <pre>{@code
 * Lexicon lex = Lexicon.read(in);
 * int path = lex.cluster(0, Hashing.chars("Monday"));   // -1 when the word is not clustered
 * }</pre>
 */
public final class Lexicon {

    /** Cluster sources, in feature order. {@code rcv1} is case-sensitive, {@code web} lower-cased. */
    public static final List<String> CLUSTER_SOURCES = List.of("rcv1", "web");
    /** List categories, in feature order. */
    public static final List<String> LIST_CATEGORIES = List.of("country", "city", "region", "given-or-family-name",
            "company");
    /** Lengths of the cluster bit-path prefixes used as features (Ratinov and Roth 2009: 4, 6, 10, 20). */
    static final int[] PREFIXES = {4, 6, 10, 20};

    private final LongIntHashMap[] words;
    /** {@code prefixKeys[source][path]}: the hashes of the path's prefixes, one per {@link #PREFIXES} entry. */
    private final long[][][] prefixKeys;
    private final PhraseSet lists;

    private Lexicon(LongIntHashMap[] words, long[][][] prefixKeys, PhraseSet lists) {
        this.words = words;
        this.prefixKeys = prefixKeys;
        this.lists = lists;
    }

    public static Lexicon empty() {
        LongIntHashMap[] w = new LongIntHashMap[CLUSTER_SOURCES.size()];
        long[][][] k = new long[CLUSTER_SOURCES.size()][0][];
        for (int i = 0; i < w.length; i++) {
            w[i] = new LongIntHashMap();
        }
        return new Lexicon(w, k, PhraseSet.empty());
    }

    public static Lexicon read(InputStream in) {
        int sources = CLUSTER_SOURCES.size();
        LongIntHashMap[] words = new LongIntHashMap[sources];
        List<ObjectIntHashMap<String>> pathIds = new ArrayList<>();
        List<List<String>> paths = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            words[i] = new LongIntHashMap(1 << 19);
            pathIds.add(new ObjectIntHashMap<>());
            paths.add(new ArrayList<>());
        }
        PhraseSet.Builder lists = PhraseSet.builder(LIST_CATEGORIES);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String[] f = line.split("\t", -1);
                if (f.length == 4 && f[0].equals("cluster")) {
                    int s = CLUSTER_SOURCES.indexOf(f[1]);
                    if (s < 0) {
                        throw new IllegalArgumentException("line " + n + ": unknown cluster source " + f[1]);
                    }
                    int id = pathIds.get(s).getOrDefault(f[3], -1);
                    if (id < 0) {
                        id = paths.get(s).size();
                        paths.get(s).add(f[3]);
                        pathIds.get(s).put(f[3], id);
                    }
                    words[s].put(Hashing.chars(f[2]), id);
                } else if (f.length == 3 && f[0].equals("list")) {
                    int c = LIST_CATEGORIES.indexOf(f[1]);
                    if (c < 0) {
                        throw new IllegalArgumentException("line " + n + ": unknown list " + f[1]);
                    }
                    lists.add(f[2].split(" "), c);
                } else {
                    throw new IllegalArgumentException("line " + n + ": expected cluster<TAB>source<TAB>word<TAB>path"
                            + " or list<TAB>category<TAB>phrase, got: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[][][] prefixKeys = new long[sources][][];
        for (int s = 0; s < sources; s++) {
            prefixKeys[s] = new long[paths.get(s).size()][];
            for (int p = 0; p < prefixKeys[s].length; p++) {
                String path = paths.get(s).get(p);
                prefixKeys[s][p] = new long[PREFIXES.length];
                for (int k = 0; k < PREFIXES.length; k++) {
                    prefixKeys[s][p][k] = Hashing.chars(path.substring(0, Math.min(path.length(), PREFIXES[k])));
                }
            }
        }
        return new Lexicon(words, prefixKeys, lists.build());
    }

    /** The cluster (path id) of a word hash in one source, or -1. */
    public int cluster(int source, long wordHash) {
        return words[source].getOrDefault(wordHash, -1);
    }

    /** Hashes of the prefixes of a cluster's bit path, one per {@link #PREFIXES} entry. */
    long[] prefixKeys(int source, int path) {
        return prefixKeys[source][path];
    }

    public PhraseSet lists() {
        return lists;
    }

    /** Clustered words per source, for the training log. */
    public int words(int source) {
        return words[source].size();
    }
}
