package io.newsetl.config;

import io.newsetl.dedup.CorpusDedup;
import io.newsetl.entities.TagBudget;
import io.newsetl.ingest.DocumentReader;
import io.newsetl.ingest.InputLister;
import io.newsetl.model.ConfigException;
import io.newsetl.parse.DateWindow;
import io.newsetl.parse.DocumentParser;
import io.newsetl.parse.SectionRules;
import io.newsetl.parse.FormatDetector;
import io.newsetl.parse.KbsRules;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration of one run, read once by {@link ConfigLoader} from {@code conf/news-etl-defaults.conf},
 * an optional override file and {@code --set} pairs. Immutable; every key is documented in the defaults file.
 *
 * <pre>{@code
 * JobConfig cfg = ConfigLoader.load(Path.of("conf/nightly.example.conf"), Map.of("output", "/tmp/out"));
 * cfg.input();  // "hdfs:///crawl/kbs/2018-05-29" with {date} replaced
 * }</pre>
 */
public record JobConfig(
        String input,
        String output,
        LocalDate runDate,
        long lockStaleSeconds,
        Ingest ingest,
        Parse parse,
        CorpusDedup.Settings dedup,
        Entities entities,
        Stats stats,
        Write write,
        Spark spark,
        Catalog catalog,
        String configHash) implements Serializable {

    /** Config {@code ingest.*}: how files are packed into tasks, and the reader's limits. */
    public record Ingest(long targetTaskBytes, long fileOpenCostBytes, DocumentReader.Limits limits,
            InputLister.Filter filter) implements Serializable {
    }

    public record Parse(String format, Map<String, String> formatOverrides, ZoneId timezone, List<String> programs,
            List<String> layoutLabels, List<String> chromePatterns, DateWindow dates, SectionRules sections)
            implements Serializable {
        public KbsRules kbsRules() {
            return new KbsRules(programs, layoutLabels, chromePatterns, timezone);
        }

        public FormatDetector detector() {
            return new FormatDetector(format, formatOverrides, kbsRules());
        }

        public DocumentParser documentParser(LocalDate runDate, String runId) {
            return new DocumentParser(detector(), timezone, runDate, runId, dates, sections);
        }
    }

    public record Entities(boolean enabled, String model, String gazetteers, TagBudget budget)
            implements Serializable {
    }

    public record Stats(boolean enabled, int windowDays, int topEntities, int trendEntities) implements Serializable {
    }

    /** Config {@code write.*}; {@code zstdLevel} only matters when {@code compression} is zstd. */
    public record Write(String compression, int zstdLevel, long maxRecordsPerFile, int partitions, long targetFileBytes)
            implements Serializable {
    }

    /** Config {@code catalog.*}: where the tables are registered after each night. */
    public record Catalog(boolean enabled, String database, String metastoreUri) implements Serializable {
    }

    public record Spark(String master, String appName, int shufflePartitions) implements Serializable {
    }

    /** The input location, for commands that read one. */
    public String requireInput() {
        if (input == null || input.isBlank()) {
            throw new ConfigException("No input given: pass --input PATH or set news-etl.input in the config file.");
        }
        return input;
    }

    /** Deterministic id of this run: the run date and a short hash of input and effective config. */
    public String runId() {
        return "r" + runDate.toString().replace("-", "") + "-" + configHash.substring(0, 8);
    }
}
