package io.newsetl.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import com.typesafe.config.ConfigException.WrongType;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.newsetl.dedup.CorpusDedup;
import io.newsetl.entities.TagBudget;
import io.newsetl.ingest.DocumentReader;
import io.newsetl.ingest.InputLister;
import io.newsetl.model.ConfigException;
import io.newsetl.model.ContentHasher;
import io.newsetl.parse.DateWindow;
import io.newsetl.parse.SectionRules;
import io.newsetl.parse.FormatDetector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@link JobConfig}: the defaults file (on the classpath as {@value #DEFAULTS}), then an optional HOCON
 * override file, then {@code key=value} overrides (keys relative to {@code news-etl}, e.g.
 * {@code ingest.max-file-bytes=32m}). Unknown keys and bad values fail with a one-line {@link ConfigException}.
 */
public final class ConfigLoader {

    public static final String DEFAULTS = "news-etl-defaults.conf";
    private static final String ROOT = "news-etl";

    private ConfigLoader() {
    }

    public static JobConfig load(Path overrideFile, Map<String, String> sets) {
        Config defaults = ConfigFactory.parseResources(DEFAULTS, ConfigParseOptions.defaults().setAllowMissing(false));
        Config merged = defaults;
        if (overrideFile != null) {
            if (!Files.isRegularFile(overrideFile)) {
                throw new ConfigException("Cannot read config file: " + overrideFile + " does not exist or is not a file.");
            }
            Config file;
            try {
                file = ConfigFactory.parseFile(overrideFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (com.typesafe.config.ConfigException e) {
                throw new ConfigException("Cannot parse config file " + overrideFile + ": " + e.getMessage());
            }
            checkKnown(defaults, file, "in " + overrideFile);
            merged = file.withFallback(merged);
        }
        for (Map.Entry<String, String> e : sets.entrySet()) {
            String path = ROOT + "." + e.getKey();
            if (!hasKey(defaults, path)) {
                throw unknown(e.getKey(), "in --set");
            }
            ConfigValue v = defaults.getIsNull(path) || defaults.getValue(path).valueType()
                    == com.typesafe.config.ConfigValueType.STRING
                    ? ConfigValueFactory.fromAnyRef(e.getValue())
                    : parseValue(e.getValue());
            merged = merged.withValue(path, v);
        }
        return build(merged.resolve());
    }

    private static ConfigValue parseValue(String raw) {
        try {
            return ConfigFactory.parseString("v = " + raw).getValue("v");
        } catch (com.typesafe.config.ConfigException e) {
            return ConfigValueFactory.fromAnyRef(raw);
        }
    }

    private static void checkKnown(Config defaults, Config file, String where) {
        for (Map.Entry<String, ConfigValue> e : file.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(ROOT + ".parse.format-overrides.") || key.startsWith(ROOT + ".dedup.source-priority.")) {
                continue;
            }
            if (!key.startsWith(ROOT + ".") || !hasKey(defaults, key)) {
                throw unknown(key.startsWith(ROOT + ".") ? key.substring(ROOT.length() + 1) : key, where);
            }
        }
    }

    private static boolean hasKey(Config defaults, String path) {
        try {
            return defaults.hasPathOrNull(path);
        } catch (com.typesafe.config.ConfigException e) {
            return false;
        }
    }

    private static ConfigException unknown(String key, String where) {
        return new ConfigException("Unknown config key '" + key + "' " + where
                + ": every key is listed in conf/" + DEFAULTS + " (keys are relative to news-etl, e.g. ingest.max-file-bytes).");
    }

    private static JobConfig build(Config all) {
        Config c = all.getConfig(ROOT);
        try {
            ZoneId zone = zone(c.getString("parse.timezone"));
            LocalDate runDate = c.getIsNull("run-date") ? LocalDate.now(zone) : date(c.getString("run-date"), "run date");
            String input = c.getIsNull("input") ? null : c.getString("input").replace("{date}", runDate.toString());
            String output = c.getIsNull("output") ? null : c.getString("output");
            // No input is fine here (stats and ddl read none); the job checks it (JobConfig#requireInput).
            if (output == null || output.isBlank()) {
                throw new ConfigException("No output given: pass --output PATH or set news-etl.output in the config file.");
            }
            // Executors on a cluster do not share the driver's working directory.
            if (!output.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                output = java.nio.file.Path.of(output).toAbsolutePath().normalize().toString();
            }
            JobConfig.Ingest ingest = new JobConfig.Ingest(
                    positive(c, "ingest.target-task-bytes", c.getBytes("ingest.target-task-bytes")),
                    c.getBytes("ingest.file-open-cost-bytes"),
                    new DocumentReader.Limits(positive(c, "ingest.max-file-bytes", c.getBytes("ingest.max-file-bytes")),
                            (int) Math.min(Integer.MAX_VALUE - 16, c.getBytes("ingest.reject-raw-cap-bytes")),
                            share(c, "ingest.binary-control-share"), c.getDouble("ingest.max-gzip-ratio"),
                            share(c, "ingest.min-encoding-confidence")),
                    new InputLister.Filter(globs(c, "ingest.include-globs"), globs(c, "ingest.exclude-globs")));
            String format = c.getString("parse.format");
            Map<String, String> overrides = globMap(c, "parse.format-overrides", Config::getString);
            for (String f : overrides.values()) {
                checkFormat(f, "parse.format-overrides");
            }
            checkFormat(format, "parse.format");
            List<String> chrome = c.getStringList("parse.kbs.chrome-patterns");
            for (String p : chrome) {
                try {
                    Pattern.compile(p);
                } catch (PatternSyntaxException e) {
                    throw new ConfigException("Bad regex in parse.kbs.chrome-patterns: '" + p + "': " + e.getDescription());
                }
            }
            LocalDate minDate = date(c.getString("parse.min-date"), "parse.min-date");
            if (runDate.isBefore(minDate)) {
                throw new ConfigException("Bad run date " + runDate + ": it is before parse.min-date (" + minDate
                        + "); pass a real night, or lower parse.min-date for an archive that old.");
            }
            JobConfig.Parse parse = new JobConfig.Parse(format, overrides, zone,
                    List.copyOf(c.getStringList("parse.kbs.programs")),
                    List.copyOf(c.getStringList("parse.kbs.layout-labels")), List.copyOf(chrome),
                    new DateWindow(minDate, (int) nonNegative(c, "parse.max-days-after-run")),
                    new SectionRules(c.getStringList("parse.sections")));
            Map<String, Integer> priorities = globMap(c, "dedup.source-priority", Config::getInt);
            double nearShare = share(c, "dedup.near-share");
            CorpusDedup.Settings dedup = new CorpusDedup.Settings(nearShare,
                    positive(c, "dedup.boilerplate-min-bodies", c.getLong("dedup.boilerplate-min-bodies")),
                    priorities, c.getInt("dedup.default-source-priority"),
                    (int) positive(c, "dedup.max-rounds", c.getInt("dedup.max-rounds")),
                    intPositive(c, "dedup.max-paragraphs"), historyRead(c));
            JobConfig.Entities entities = new JobConfig.Entities(c.getBoolean("entities.enabled"),
                    localFolder(c, "entities.model"), localFolder(c, "entities.gazetteers"),
                    new TagBudget(intPositive(c, "entities.max-paragraph-chars"),
                            intPositive(c, "entities.max-document-chars")));
            JobConfig.Stats stats = new JobConfig.Stats(c.getBoolean("stats.enabled"),
                    (int) nonNegative(c, "stats.window-days"),
                    (int) positive(c, "stats.top-entities", c.getInt("stats.top-entities")),
                    (int) nonNegative(c, "stats.trend-entities"));
            String compression = c.getString("write.compression");
            if (!List.of("zstd", "snappy", "gzip", "lz4", "none", "uncompressed").contains(compression)) {
                throw new ConfigException("Bad value for write.compression: '" + compression
                        + "': use zstd, snappy, gzip, lz4 or none.");
            }
            int zstdLevel = c.getInt("write.zstd-level");
            if (zstdLevel < 1 || zstdLevel > 22) {
                throw new ConfigException("Bad value for write.zstd-level: " + zstdLevel + ": use 1 (fastest) to 22.");
            }
            JobConfig.Write write = new JobConfig.Write(compression, zstdLevel,
                    positive(c, "write.max-records-per-file", c.getLong("write.max-records-per-file")),
                    c.getInt("write.partitions"),
                    positive(c, "write.target-file-bytes", c.getBytes("write.target-file-bytes")));
            JobConfig.Spark spark = new JobConfig.Spark(c.getString("spark.master"), c.getString("spark.app-name"),
                    c.getInt("spark.shuffle-partitions"));
            String database = c.getString("catalog.database");
            if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException("Bad value for catalog.database: '" + database + "': a database name is "
                        + "letters, digits and _ (news, news_etl).");
            }
            String metastore = c.getString("catalog.metastore-uri").strip();
            if (!metastore.isEmpty() && !metastore.matches("thrift://[^/,]+(,thrift://[^/,]+)*")) {
                throw new ConfigException("Bad value for catalog.metastore-uri: '" + metastore + "': it must be "
                        + "thrift://host:port (comma-separated for several), or \"\" for the default.");
            }
            JobConfig.Catalog catalog = new JobConfig.Catalog(c.getBoolean("catalog.enabled"), database, metastore);
            String rendered = c.root().render(ConfigRenderOptions.concise().setJson(true));
            String hash = ContentHasher.hashBytes((input + '\n' + rendered).getBytes(StandardCharsets.UTF_8)).hex();
            return new JobConfig(input, output, runDate,
                    positive(c, "run.lock-stale-seconds", c.getLong("run.lock-stale-seconds")), ingest, parse, dedup, entities, stats, write,
                    spark, catalog, hash);
        } catch (WrongType | BadValue e) {
            throw new ConfigException("Bad config value: " + e.getMessage().replaceFirst("^[^:]*: \\d+: ", ""));
        }
    }

    private static List<String> globs(Config c, String key) {
        List<String> globs = List.copyOf(c.getStringList(key));
        for (String g : globs) {
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + g);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("Bad glob in " + key + ": '" + g + "': " + e.getMessage());
            }
        }
        return globs;
    }

    private static long nonNegative(Config c, String key) {
        long v = c.getLong(key);
        if (v < 0) {
            throw new ConfigException("Bad value for " + key + ": " + v + ": it must be 0 or more.");
        }
        return v;
    }

    /** A folder key: empty (bundled) or an existing local folder. */
    private static String localFolder(Config c, String key) {
        String v = c.getString(key);
        if (!v.isEmpty() && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(v))) {
            throw new ConfigException("Cannot read " + key + ": " + v + " is not a folder; set it to a folder or to \"\""
                    + " for the copy bundled in the jar.");
        }
        return v;
    }

    /**
     * A glob → value object, ordered longest glob first (then alphabetically): HOCON objects have no order, and
     * the longest glob is the most specific, so "first match wins" means "most specific wins".
     */
    private static <T> Map<String, T> globMap(Config c, String key, java.util.function.BiFunction<Config, String, T> get) {
        Config obj = c.getConfig(key);
        Map<String, T> out = new LinkedHashMap<>();
        obj.root().keySet().stream()
                .sorted(java.util.Comparator.comparingInt(String::length).reversed().thenComparing(k -> k))
                .forEach(k -> out.put(k, get.apply(obj, com.typesafe.config.ConfigUtil.joinPath(k))));
        return java.util.Collections.unmodifiableMap(out);
    }

    private static void checkFormat(String f, String key) {
        if (!FormatDetector.formats().contains(f)) {
            throw new ConfigException("Bad value for " + key + ": '" + f + "': use one of " + FormatDetector.formats() + ".");
        }
    }

    /** {@code dedup.history}: lookup (false) or scan (true). */
    private static boolean historyRead(Config c) {
        String v = c.getString("dedup.history");
        return switch (v) {
            case "lookup" -> false;
            case "scan" -> true;
            default -> throw new ConfigException("Bad value for dedup.history: " + v
                    + ": it must be lookup (the default) or scan.");
        };
    }

    private static int intPositive(Config c, String key) {
        return (int) positive(c, key, c.getInt(key));
    }

    private static long positive(Config c, String key, long v) {
        if (v <= 0) {
            throw new ConfigException("Bad value for " + key + ": " + v + ": it must be greater than 0.");
        }
        return v;
    }

    private static double share(Config c, String key) {
        double v = c.getDouble(key);
        if (v <= 0 || v > 1) {
            throw new ConfigException("Bad value for " + key + ": " + v + ": use a share between 0 and 1.");
        }
        return v;
    }

    private static ZoneId zone(String z) {
        try {
            return ZoneId.of(z);
        } catch (java.time.DateTimeException e) {
            throw new ConfigException("Bad value for parse.timezone: '" + z + "': use a zone id such as Asia/Seoul.");
        }
    }

    private static LocalDate date(String d, String what) {
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw new ConfigException("Bad " + what + " '" + d + "': use YYYY-MM-DD, e.g. 2018-05-29.");
        }
    }

    /**
     * The config of a CLI command: the override file, then {@code --set key=value} pairs, then the command's own
     * options ({@code options} keys are config keys; null values, options not given, are left out).
     */
    public static JobConfig load(Path overrideFile, List<String> sets, Map<String, String> options) {
        Map<String, String> overrides = new java.util.LinkedHashMap<>(parsePairs(sets));
        options.forEach((k, v) -> {
            if (v != null) {
                overrides.put(k, v);
            }
        });
        return load(overrideFile, overrides);
    }

    /** key=value pairs as given to --set, in order; a pair without '=' is an error. */
    public static Map<String, String> parsePairs(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs == null ? new ArrayList<String>() : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("Bad --set '" + p + "': use --set key=value, e.g. --set write.compression=snappy.");
            }
            out.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
        }
        return out;
    }
}
