package io.newsetl.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Writes N KBS-format articles into a date-organised tree, deterministically from a seed, with the ground truth
 * beside it ({@code truth.tsv}: file, expected table, the file it duplicates, expected reject reason).
 *
 * <p>Variety: every KBS header variant, page chrome, 3 to 15 paragraphs of varied length built from names, places,
 * organisations and numbers, some gzip, some EUC-KR, and configurable rates of in-article repeats (seed-like),
 * exact cross-file duplicates, near duplicates (new lead, dropped paragraph, edited paragraph), boilerplate footers
 * with a power-law frequency, and malformed files. Duplicates are always published after their original, so the
 * original is the canonical copy.
 *
 * <pre>{@code
 * new CorpusGenerator(CorpusGenerator.Rates.defaults(), 42).generate(Path.of("/tmp/bench"), 100_000);
 * // /tmp/bench/corpus/2019/03/04/a0000017.txt ... and /tmp/bench/truth.tsv
 * }</pre>
 */
public final class CorpusGenerator {

    /** Shares of the generated files; the rest are original articles. */
    public record Rates(double repeatedBody, double exactDuplicate, double nearDuplicate, double malformed,
            double gzip, double eucKr, double footer, double chrome) {
        public static Rates defaults() {
            return new Rates(0.10, 0.05, 0.05, 0.01, 0.05, 0.02, 0.60, 0.20);
        }
    }

    private static final String[] PEOPLE = {"Moon Jae-in", "Kim Jong-un", "Choe Son-hui", "Sung Kim", "Mike Pompeo",
        "Chun Hae-sung", "Ri Son-gwon", "Kang Kyung-wha", "Lee Ju-yeol", "Chung Eui-yong", "Suh Hoon", "Yoon Suk-yeol",
        "Stephen Biegun", "Donald Trump", "Shinzo Abe", "Xi Jinping", "Park Won-soon", "Lee Nak-yon", "Hong Nam-ki",
        "Kim Yo-jong", "Ban Ki-moon", "Cho Kuk", "Choo Mi-ae", "Chung Sye-kyun", "Kim Boo-kyum"};
    private static final String[] PLACES = {"Seoul", "Pyongyang", "Busan", "Incheon", "Daegu", "Gwangju", "Ulsan",
        "Sejong", "Panmunjeom", "Kaesong", "Washington", "Beijing", "Tokyo", "Singapore", "Hanoi", "Jeju", "Gangwon",
        "Gyeonggi", "Daejeon", "Suwon", "Changwon", "Pohang", "Geneva", "Moscow", "Manila"};
    private static final String[] ORGS = {"the Unification Ministry", "the Bank of Korea", "the National Assembly",
        "the Defense Ministry", "Samsung Electronics", "Hyundai Motor", "the United Nations", "the Blue House",
        "the Democratic Party", "the People Power Party", "the KCDC", "the Foreign Ministry", "SK Hynix",
        "the Finance Ministry", "the Korea Meteorological Administration", "LG Chem", "the Supreme Court",
        "the World Trade Organization", "the State Department", "the Korean Air Lines"};
    private static final String[] VERBS = {"said", "announced", "reported", "confirmed", "warned", "denied",
        "proposed", "rejected", "welcomed", "criticized", "expected", "urged"};
    private static final String[] NOUNS = {"talks", "sanctions", "exports", "infections", "rates", "summit",
        "budget", "typhoon", "election", "vaccines", "housing prices", "semiconductors", "tariffs", "drills",
        "negotiations", "reforms", "inflation", "tourism", "shipbuilding", "fine dust"};
    private static final String[] ADJ = {"new", "fresh", "urgent", "major", "unexpected", "joint", "bilateral",
        "special", "additional", "early", "final", "temporary", "sharp", "gradual", "record"};
    private static final String[] TIMES = {"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
        "over the weekend", "last week", "earlier this month", "this morning", "late on Sunday"};
    private static final String[] FOOTERS = {
        "Copyright KBS. All rights reserved. Unauthorized reproduction and redistribution are prohibited.",
        "Watch the full report on KBS World and follow us on social media for the latest news from Korea.",
        "This report was prepared with material from Yonhap News Agency and the ministry concerned.",
        "Subscribe to the News Today newsletter to receive the top stories of the day in your inbox.",
        "KBS News welcomes tips from viewers; send them through the website or the mobile application.",
        "The English translation of this report was edited for length and clarity by the news desk."};
    private static final String[] PROGRAMS = {"News Today", "News Today", "News Today", "Morning Report"};

    private final Rates rates;
    private final long seed;

    public CorpusGenerator(Rates rates, long seed) {
        this.rates = rates;
        this.seed = seed;
    }

    /** What was generated, for the summary line. */
    public record Summary(long files, long bytes, long originals, long exactDuplicates, long nearDuplicates,
            long malformed) {
    }

    /** One file's ground truth. */
    record Truth(String file, String table, String duplicateOf, String reason) {
    }

    public Summary generate(Path root, int articles) throws IOException {
        Path corpus = root.resolve("corpus");
        Files.createDirectories(corpus);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        int chunk = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Truth>>> parts = new ArrayList<>();
        for (int start = 0; start < articles; start += chunk) {
            int s = start;
            int e = Math.min(articles, start + chunk);
            parts.add(pool.submit(() -> writeChunk(corpus, s, e)));
        }
        long[] counts = new long[6];
        try (Writer truth = Files.newBufferedWriter(root.resolve("truth.tsv"))) {
            truth.write("file\ttable\tduplicate_of\treason\n");
            for (Future<List<Truth>> f : parts) {
                for (Truth t : f.get()) {
                    truth.write(t.file() + "\t" + t.table() + "\t" + (t.duplicateOf() == null ? "" : t.duplicateOf())
                            + "\t" + (t.reason() == null ? "" : t.reason()) + "\n");
                    counts[0]++;
                    switch (t.table()) {
                        case "articles" -> counts[2]++;
                        case "rejects" -> counts[5]++;
                        default -> counts[t.reason() != null && t.reason().equals("near") ? 4 : 3]++;
                    }
                }
            }
        } catch (Exception e) {
            throw new IOException("Generation failed: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
        long bytes;
        try (var walk = Files.walk(corpus)) {
            bytes = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        return new Summary(counts[0], bytes, counts[2], counts[3], counts[4], counts[5]);
    }

    /**
     * Files {@code start..end-1}. Each chunk is generated from its own seed, so the corpus does not depend on
     * thread scheduling; duplicates copy an original of the same chunk (written earlier in it).
     */
    private List<Truth> writeChunk(Path corpus, int start, int end) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + start);
        List<Truth> truth = new ArrayList<>(end - start);
        List<Original> originals = new ArrayList<>();
        for (int i = start; i < end; i++) {
            double roll = rnd.nextDouble();
            String name = String.format("a%08d", i);
            LocalDateTime published = LocalDateTime.of(2018, 1, 1, 6, 0)
                    .plusMinutes((long) i * 2 + rnd.nextInt(2));
            String dir = String.format("%04d/%02d/%02d", published.getYear(), published.getMonthValue(),
                    published.getDayOfMonth());
            try {
                if (roll < rates.malformed()) {
                    truth.add(writeMalformed(corpus, dir, name, rnd));
                } else if (roll < rates.malformed() + rates.exactDuplicate() && !originals.isEmpty()) {
                    Original o = originals.get(rnd.nextInt(originals.size()));
                    String file = dir + "/" + name + ".txt";
                    write(corpus.resolve(file), header(rnd, o.title(), published) + o.body(),
                            StandardCharsets.UTF_8, false);
                    truth.add(new Truth(file, "duplicates", o.file(), "exact"));
                } else if (roll < rates.malformed() + rates.exactDuplicate() + rates.nearDuplicate()
                        && !originals.isEmpty()) {
                    // Long enough originals only, so that a new lead keeps the copy above 80% contained.
                    Original o = originals.get(rnd.nextInt(originals.size()));
                    for (int tries = 0; tries < 20 && o.chars() < 600; tries++) {
                        o = originals.get(rnd.nextInt(originals.size()));
                    }
                    if (o.chars() < 600) {
                        String file = dir + "/" + name + ".txt";
                        write(corpus.resolve(file), header(rnd, o.title(), published) + o.body(),
                                StandardCharsets.UTF_8, false);
                        truth.add(new Truth(file, "duplicates", o.file(), "exact"));
                        continue;
                    }
                    List<String> ps = nearCopy(o.paragraphs(), rnd);
                    String file = dir + "/" + name + ".txt";
                    write(corpus.resolve(file), header(rnd, "Update: " + o.title(), published) + body(ps, false, rnd),
                            StandardCharsets.UTF_8, false);
                    truth.add(new Truth(file, "duplicates", o.file(), "near"));
                } else {
                    String title = title(rnd);
                    List<String> ps = new ArrayList<>();
                    int n = 3 + rnd.nextInt(13);
                    for (int p = 0; p < n; p++) {
                        ps.add(paragraph(rnd));
                    }
                    boolean repeat = rnd.nextDouble() < rates.repeatedBody();
                    boolean gzip = rnd.nextDouble() < rates.gzip();
                    boolean korean = !gzip && rnd.nextDouble() < rates.eucKr();
                    String file = dir + "/" + name + (gzip ? ".txt.gz" : ".txt");
                    String body = body(ps, repeat, rnd);
                    String text = header(rnd, korean ? "북한 관련 소식 " + (i % 97) : title, published) + body;
                    write(corpus.resolve(file), text, korean ? Charset.forName("EUC-KR") : StandardCharsets.UTF_8,
                            gzip);
                    truth.add(new Truth(file, "articles", null, null));
                    originals.add(new Original(file, title, ps, body, ps.stream().mapToInt(String::length).sum()));
                    if (originals.size() > 2000) {
                        originals.remove(rnd.nextInt(originals.size()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return truth;
    }

    private record Original(String file, String title, List<String> paragraphs, String body, int chars) {
    }

    /** A copy that stays at least 80% contained: a new lead, a dropped paragraph or an edited short paragraph. */
    private static List<String> nearCopy(List<String> ps, SplittableRandom rnd) {
        List<String> out = new ArrayList<>(ps);
        int total = ps.stream().mapToInt(String::length).sum();
        int kind = rnd.nextInt(3);
        if (kind == 0 || ps.size() < 5) {
            out.add(0, "In an update to an earlier report, " + PLACES[rnd.nextInt(PLACES.length)]
                    + " officials gave new details " + TIMES[rnd.nextInt(TIMES.length)] + ".");
            return out;
        }
        // Drop or edit the shortest paragraph if that keeps 90% of the characters.
        int shortest = 0;
        for (int i = 1; i < ps.size(); i++) {
            if (ps.get(i).length() < ps.get(shortest).length()) {
                shortest = i;
            }
        }
        if (ps.get(shortest).length() > total * 0.10) {
            out.add("Further details were not immediately available.");
            return out;
        }
        if (kind == 1) {
            out.remove(shortest);
        } else {
            out.set(shortest, out.get(shortest) + " Officials added more later.");
        }
        return out;
    }

    private Truth writeMalformed(Path corpus, String dir, String name, SplittableRandom rnd) throws IOException {
        int kind = rnd.nextInt(4);
        String file = dir + "/" + name + (kind == 3 ? ".txt.gz" : ".txt");
        Path p = corpus.resolve(file);
        Files.createDirectories(p.getParent());
        switch (kind) {
            case 0 -> Files.write(p, new byte[0]);
            case 1 -> {
                byte[] b = new byte[512];
                new Random(rnd.nextLong()).nextBytes(b);
                b[0] = (byte) 0x89;
                b[1] = 'P';
                b[2] = 'N';
                b[3] = 'G';
                Files.write(p, b);
            }
            case 2 -> Files.writeString(p, header(rnd, "Header Only", LocalDateTime.of(2019, 1, 1, 9, 0)) + "\n댓글\n");
            default -> {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                    gz.write(paragraph(rnd).repeat(4).getBytes(StandardCharsets.UTF_8));
                }
                byte[] all = bytes.toByteArray();
                Files.write(p, java.util.Arrays.copyOf(all, all.length / 2));
            }
        }
        String reason = switch (kind) {
            case 0 -> "EMPTY";
            case 1 -> "BINARY";
            case 2 -> "NO_BODY";
            default -> "GZIP_CORRUPT";
        };
        return new Truth(file, "rejects", null, reason);
    }

    private static void write(Path p, String text, Charset cs, boolean gzip) throws IOException {
        Files.createDirectories(p.getParent());
        byte[] bytes = text.getBytes(cs);
        if (gzip) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                out.write(bytes);
            }
        } else {
            Files.write(p, bytes);
        }
    }

    private static String stamp(LocalDateTime t, boolean iso) {
        return iso ? String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond())
                : String.format("%04d.%02d.%02d (%02d:%02d)", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute());
    }

    /** One of the KBS header variants, chosen at random. */
    private String header(SplittableRandom rnd, String title, LocalDateTime pub) {
        LocalDateTime mod = pub.plusMinutes(5 + rnd.nextInt(120));
        String date = pub.toLocalDate().toString();
        String program = PROGRAMS[rnd.nextInt(PROGRAMS.length)];
        String chrome = rnd.nextDouble() < rates.chrome()
                ? "댓글\n댓글 0\n좋아요\n스크랩하기\n공유하기 글씨 크게보기\n가\n글씨 작게보기\n" : "";
        String h = switch (rnd.nextInt(8)) {
            case 0 -> " date " + date + " " + title + " " + program + " 입력 " + stamp(pub, false) + " 수정 "
                    + stamp(mod, false) + "\n";
            case 1 -> title + " " + program + " 입력 " + stamp(pub, false) + " 수정 " + stamp(mod, false) + "\n";
            case 2 -> " date " + date + " 기사 본문 영역\n\n" + title.toUpperCase() + "\n입력 " + stamp(pub, false)
                    + " 수정 " + stamp(mod, false) + " " + program + "\n";
            case 3 -> " date " + date + " " + title + " " + program + " 입력 " + stamp(pub, true) + " 수정 "
                    + stamp(mod, true) + "\n";
            case 4 -> " date " + date + " " + title + "\n입력 " + stamp(pub, false) + "\n수정 " + stamp(mod, false) + "\n";
            case 5 -> title + "\nWrite : " + stamp(pub, true) + " Update : " + stamp(mod, true) + "\n";
            case 6 -> " date " + date + " " + title + " " + program + " 입력 " + stamp(pub, false) + " 수정 "
                    + stamp(mod, false) + "\n";
            default -> title + "\n\n입력 " + stamp(pub, false) + " 수정 " + stamp(mod, false)
                    + "\n\n읽어주기 기능은 크롬기반의\n브라우저에서만 사용하실 수 있습니다.\n";
        };
        return h + chrome + "\n";
    }

    private String body(List<String> ps, boolean repeatLongest, SplittableRandom rnd) {
        StringBuilder b = new StringBuilder();
        for (String p : ps) {
            b.append(p).append("\n".repeat(1 + rnd.nextInt(4)));
        }
        if (repeatLongest) {
            String longest = ps.stream().max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
            b.append("\n").append(longest).append("\n");
        }
        if (rnd.nextDouble() < rates.footer()) {
            // Zipf-like: footer k with probability ~ 1/k^2, so the first is in a large share of articles.
            double u = rnd.nextDouble();
            int k = (int) Math.min(FOOTERS.length - 1, Math.floor(1 / Math.sqrt(1 - u * 0.97)) - 1);
            b.append("\n").append(FOOTERS[k]).append("\n");
        }
        return b.toString();
    }

    private static String title(SplittableRandom rnd) {
        return cap(ADJ[rnd.nextInt(ADJ.length)]) + " " + cap(NOUNS[rnd.nextInt(NOUNS.length)]) + " in "
                + PLACES[rnd.nextInt(PLACES.length)] + " " + (1 + rnd.nextInt(999));
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A paragraph of 1 to 6 sentences with names, places, organisations and numbers. */
    private static String paragraph(SplittableRandom rnd) {
        StringBuilder p = new StringBuilder();
        int sentences = 1 + rnd.nextInt(6);
        for (int s = 0; s < sentences; s++) {
            if (s > 0) {
                p.append(' ');
            }
            switch (rnd.nextInt(4)) {
                case 0 -> p.append(PEOPLE[rnd.nextInt(PEOPLE.length)]).append(' ').append(VERBS[rnd.nextInt(VERBS.length)])
                        .append(" that ").append(ORGS[rnd.nextInt(ORGS.length)]).append(" would review ")
                        .append(ADJ[rnd.nextInt(ADJ.length)]).append(' ').append(NOUNS[rnd.nextInt(NOUNS.length)])
                        .append(' ').append(TIMES[rnd.nextInt(TIMES.length)]).append('.');
                case 1 -> p.append(cap(NOUNS[rnd.nextInt(NOUNS.length)])).append(" in ")
                        .append(PLACES[rnd.nextInt(PLACES.length)]).append(" rose ").append(rnd.nextInt(1, 100))
                        .append('.').append(rnd.nextInt(10)).append(" percent to ").append(rnd.nextInt(1, 100_000))
                        .append(" units, ").append(ORGS[rnd.nextInt(ORGS.length)]).append(' ')
                        .append(VERBS[rnd.nextInt(VERBS.length)]).append('.');
                case 2 -> p.append("Officials in ").append(PLACES[rnd.nextInt(PLACES.length)]).append(" and ")
                        .append(PLACES[rnd.nextInt(PLACES.length)]).append(' ').append(VERBS[rnd.nextInt(VERBS.length)])
                        .append(' ').append(rnd.nextInt(2, 5000)).append(' ').append(ADJ[rnd.nextInt(ADJ.length)])
                        .append(" cases of ").append(NOUNS[rnd.nextInt(NOUNS.length)]).append(" after meeting ")
                        .append(PEOPLE[rnd.nextInt(PEOPLE.length)]).append('.');
                default -> p.append(cap(ORGS[rnd.nextInt(ORGS.length)])).append(' ')
                        .append(VERBS[rnd.nextInt(VERBS.length)]).append(" a plan worth ")
                        .append(rnd.nextInt(1, 900)).append(" billion won to support ")
                        .append(NOUNS[rnd.nextInt(NOUNS.length)]).append(" in ")
                        .append(PLACES[rnd.nextInt(PLACES.length)]).append(", according to ")
                        .append(PEOPLE[rnd.nextInt(PEOPLE.length)]).append('.');
            }
        }
        return p.toString();
    }
}
