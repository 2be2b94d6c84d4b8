package io.newsetl.cli;

import io.newsetl.config.ConfigLoader;
import io.newsetl.config.JobConfig;
import io.newsetl.model.ConfigException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of every command that works on an output with the job's config ({@code @Mixin}): {@code --output},
 * {@code --conf} and {@code --set}, loaded into one {@link JobConfig}.
 */
final class ConfigOptions {

    @Option(names = "--output", paramLabel = "PATH", description = "Output root of the tables. Default: news-etl.output.")
    String output;

    @Option(names = "--conf", paramLabel = "FILE", description = "HOCON file of overrides (see conf/).")
    Path conf;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one key (relative to news-etl, e.g. write.compression=snappy); repeatable.")
    List<String> sets = new ArrayList<>();

    /** The config: defaults, then --conf, then --set, then the command's own options (null values left out). */
    JobConfig load(Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("output", output);
        all.putAll(options);
        return ConfigLoader.load(conf, sets, all);
    }

    JobConfig load() {
        return load(Map.of());
    }

    /** Refuses a range whose start is after its end. */
    static void checkRange(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new ConfigException("--from " + from + " is after --to " + to + ".");
        }
    }
}
