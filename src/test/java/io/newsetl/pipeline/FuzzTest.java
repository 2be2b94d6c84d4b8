package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.config.JobConfig;
import io.newsetl.dedup.RepeatStage;
import io.newsetl.entities.EntityTagger;
import io.newsetl.entities.Gazetteer;
import io.newsetl.entities.NerModel;
import io.newsetl.ingest.DocumentReader;
import io.newsetl.ingest.RawDocument;
import io.newsetl.ingest.RejectReason;
import io.newsetl.model.Document;
import io.newsetl.output.RunRecord;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.parse.DocumentParser;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing with a fixed seed: random bytes, and random mutations of the sample corpus's files (truncations, byte
 * flips, other encodings, gzip, broken and ancient header fields), through the per-file path (read, parse, repeats,
 * tagging) and through one whole local run. Whatever the bytes, no exception escapes, every file lands in exactly
 * one table, and every reject names a specific reason (there is no catch-all reason).
 */
class FuzzTest extends SparkStageTest {

    private static final long SEED = 20_261_129L;
    /** Cases of the per-file path; the loop also stops at {@link #CAP_NANOS}, whichever comes first. */
    private static final int CASES = 10_000;
    private static final long CAP_NANOS = 60_000_000_000L;
    /** Cases also written to disk for the whole run. */
    private static final int RUN_CASES = 300;
    private static final Set<String> REASONS =
            Stream.of(RejectReason.values()).map(Enum::name).collect(Collectors.toSet());
    private static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
            Charset.forName("EUC-KR"), Charset.forName("x-windows-949"), StandardCharsets.ISO_8859_1,
            Charset.forName("windows-1252"), StandardCharsets.UTF_8);

    private final Random random = new Random(SEED);
    private final List<byte[]> seeds = new ArrayList<>();

    @Test
    void noInputEscapesTheTablesOrThrows(@TempDir Path tmp) throws Exception {
        try (Stream<Path> files = Files.walk(SharedData.sampleCorpus())) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
        }
        JobConfig cfg = ConfigLoader.load(null, Map.of("input", tmp.resolve("in").toString(),
                "output", tmp.resolve("out").toString(), "run-date", "2019-05-02", "stats.enabled", "false"));
        DocumentReader reader = new DocumentReader(cfg.ingest().limits());
        DocumentParser parser = cfg.parse().documentParser(cfg.runDate(), cfg.runId());
        EntityTagger tagger = new EntityTagger(NerModel.load(""), Gazetteer.load(""), cfg.entities().budget());

        Path in = Files.createDirectories(tmp.resolve("in"));
        Map<String, Integer> outcomes = new HashMap<>();
        long start = System.nanoTime();
        int ran = 0;
        for (; ran < CASES && System.nanoTime() - start < CAP_NANOS; ran++) {
            byte[] bytes = nextCase();
            String name = String.format("case-%04d.txt", ran) + (looksGzip(bytes) ? ".gz" : "");
            RawDocument raw = reader.read("file:/fuzz/" + name, bytes.length, () -> new ByteArrayInputStream(bytes));
            Document d = RepeatStage.apply(parser.parse(raw));
            if (d.isRejected()) {
                assertThat(d.getRejectReason()).as(name).isIn(REASONS);
                assertThat(d.getRejectMessage()).as(name).isNotBlank();
                assertThat(d.getBody()).as(name).isNull();
            } else {
                assertThat(d.getBody()).as(name).isNotEmpty();
                tagger.tag(d.getBody(), d.getLanguage()).forEach(m ->
                        assertThat(d.getBody().substring(m.start(), m.end())).as(name).isEqualTo(m.text()));
            }
            outcomes.merge(d.isRejected() ? d.getRejectReason() : "article", 1, Integer::sum);
            if (ran < RUN_CASES) {
                Files.write(in.resolve(name), bytes);
            }
        }
        System.out.printf("fuzz: %d cases in %.1f s (cap %d cases or 60 s), outcomes %s%n", ran,
                (System.nanoTime() - start) / 1e9, CASES, new java.util.TreeMap<>(outcomes));
        assertThat(ran).isGreaterThanOrEqualTo(RUN_CASES);
        assertThat(outcomes.keySet()).contains("article").hasSizeGreaterThan(3);

        // The same bytes through one whole local run: every file in exactly one table, the balance holds.
        RunRecord run = NightlyJob.run(spark(), cfg);
        assertThat(run.isBalanceOk()).isTrue();
        Map<String, Long> perFile = new HashMap<>();
        for (var t : List.of(TableSchemas.ARTICLES, TableSchemas.DUPLICATES, TableSchemas.REJECTS)) {
            for (Row r : TableWriter.read(spark(), tmp.resolve("out").toString(), t).select("source_path")
                    .collectAsList()) {
                perFile.merge(r.getString(0), 1L, Long::sum);
            }
        }
        assertThat(perFile).hasSize(RUN_CASES);
        assertThat(perFile.values()).containsOnly(1L);
        assertThat(TableWriter.read(spark(), tmp.resolve("out").toString(), TableSchemas.REJECTS)
                .select("reason").distinct().collectAsList()).allSatisfy(r -> assertThat(r.getString(0)).isIn(REASONS));
    }

    private static boolean looksGzip(byte[] b) {
        return b.length > 1 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B;
    }

    private byte[] nextCase() throws Exception {
        int kind = random.nextInt(10);
        if (kind == 0) {
            byte[] b = new byte[random.nextInt(4096)];
            random.nextBytes(b);
            return b;
        }
        byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
        if (looksGzip(b)) {
            b = gunzipOrSame(b);
        }
        switch (kind) {
            case 1 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
            case 2 -> {
                for (int i = random.nextInt(8) + 1; i > 0 && b.length > 0; i--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 3 -> b = new String(b, StandardCharsets.UTF_8).getBytes(CHARSETS.get(random.nextInt(CHARSETS.size())));
            case 4 -> b = mutateHeader(new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            case 5 -> {
                byte[] gz = gzip(b);
                b = random.nextBoolean() ? gz : java.util.Arrays.copyOf(gz, random.nextInt(gz.length + 1));
            }
            case 6 -> b = concat(b, seeds.get(random.nextInt(seeds.size())));
            case 7 -> b = insertInvisible(new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            default -> {
                // the file as it is: a byte-identical copy of a sample file (a duplicate)
            }
        }
        return b;
    }

    /** Dates of any year (0000-9999, impossible months and days), removed or repeated stamps, chrome everywhere. */
    private String mutateHeader(String text) {
        String year = String.format("%04d", random.nextInt(10_000));
        String month = String.format("%02d", random.nextInt(14));
        String day = String.format("%02d", random.nextInt(33));
        return switch (random.nextInt(5)) {
            case 0 -> text.replaceAll("\\d{4}([.-])\\d{2}([.-])\\d{2}", year + "$1" + month + "$2" + day);
            case 1 -> text.replaceAll("(입력|수정)[^\\n]*?\\)", "");
            case 2 -> text.replaceFirst("\\n", "\n" + text.lines().findFirst().orElse("") + "\n");
            case 3 -> " date " + year + "-" + month + "-" + day + " " + text;
            default -> text.replace("\n", "\n댓글\n좋아요\n");
        };
    }

    private String insertInvisible(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (random.nextInt(20) == 0) {
                out.append("\u200B\u00A0\uFEFF\u3000".charAt(random.nextInt(4)));
            }
            out.append(text.charAt(i));
        }
        return random.nextInt(10) == 0 ? out.toString().replaceAll("\\S", "\u200B") : out.toString();
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] gunzipOrSame(byte[] b) {
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(b))) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            return b;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
