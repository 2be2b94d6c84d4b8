package io.newsetl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsetl.model.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Map<String, String> REQUIRED = Map.of("input", "/in/{date}", "output", "/out",
            "run-date", "2018-05-29");

    @Test
    void defaultsComeFromTheDocumentedFile() {
        JobConfig c = ConfigLoader.load(null, REQUIRED);
        assertThat(c.input()).isEqualTo("/in/2018-05-29");
        assertThat(c.runDate()).isEqualTo(LocalDate.parse("2018-05-29"));
        assertThat(c.ingest().limits().maxFileBytes()).isEqualTo(16L << 20);
        assertThat(c.parse().programs()).containsExactly("News Today");
        assertThat(c.write().compression()).isEqualTo("zstd");
        assertThat(c.write().zstdLevel()).isEqualTo(1);
        assertThat(c.runId()).matches("r20180529-[0-9a-f]{8}");
    }

    @Test
    void fileThenSetOverridesWin(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("night.conf");
        Files.writeString(f, "news-etl { ingest.max-file-bytes = 1m, write.compression = snappy, "
                + "parse.format-overrides { \"**/bbc/**\" = bbc } }");
        JobConfig c = ConfigLoader.load(f, Map.of("input", "/in", "output", "/out", "write.compression", "gzip"));
        assertThat(c.ingest().limits().maxFileBytes()).isEqualTo(1L << 20);
        assertThat(c.write().compression()).isEqualTo("gzip");
        assertThat(c.parse().formatOverrides()).containsEntry("**/bbc/**", "bbc");
        assertThat(c.configHash()).isNotEqualTo(ConfigLoader.load(null, REQUIRED).configHash());
    }

    @Test
    void errorsSayWhatIsWrongAndHowToFixIt(@TempDir Path dir) throws Exception {
        // A config without input serves stats and ddl; the job asks for one.
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("output", "/out")).requireInput())
                .isInstanceOf(ConfigException.class).hasMessageContaining("--input");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("input", "/in", "output", "/o", "ingest.max-fle-bytes", "1")))
                .hasMessageContaining("Unknown config key 'ingest.max-fle-bytes'");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("input", "/in", "output", "/o", "dedup.history", "index")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dedup.history: index: it must be lookup");
        assertThat(ConfigLoader.load(null, Map.of("input", "/in", "output", "/o", "dedup.history", "scan")).dedup()
                .scanHistory()).isTrue();
        assertThat(ConfigLoader.load(null, Map.of("input", "/in", "output", "/o")).dedup().scanHistory()).isFalse();
        Path f = dir.resolve("typo.conf");
        Files.writeString(f, "news-etl.parse.formatt = kbs");
        assertThatThrownBy(() -> ConfigLoader.load(f, REQUIRED)).hasMessageContaining("parse.formatt").hasMessageContaining(f.toString());
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.conf"), REQUIRED))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("input", "/in", "output", "/o", "run-date", "29.05.2018")))
                .hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("input", "/in", "output", "/o", "parse.format", "rss")))
                .hasMessageContaining("parse.format").hasMessageContaining("kbs");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("input", "/in", "output", "/o", "ingest.max-file-bytes", "lots")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max-file-bytes");
        assertThatThrownBy(() -> ConfigLoader.parsePairs(List.of("novalue"))).hasMessageContaining("key=value");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("input", "/in", "output", "/o", "write.zstd-level", "30")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("write.zstd-level").hasMessageContaining("22");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("input", "/in", "output", "/o", "parse.sections", "[\"/news/[a-z]+/\"]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("parse.sections").hasMessageContaining("capturing group");
    }
}
