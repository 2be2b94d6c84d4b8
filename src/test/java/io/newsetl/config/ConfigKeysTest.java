package io.newsetl.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each key is declared once, in conf/news-etl-defaults.conf (default and meaning), and read once, by
 * ConfigLoader: no key there is dead, and the loader reads no key that is not declared (that one fails at load).
 */
class ConfigKeysTest {

    @Test
    void everyDeclaredKeyIsReadByTheLoader() throws Exception {
        Config defaults = ConfigFactory.parseFile(Path.of("conf/news-etl-defaults.conf").toFile()).getConfig("news-etl");
        String loader = Files.readString(Path.of("src/main/java/io/newsetl/config/ConfigLoader.java"));
        List<String> unread = new ArrayList<>();
        defaults.root().keySet().forEach(k -> collect(defaults, k, loader, unread));
        assertThat(unread).as("keys of conf/news-etl-defaults.conf that ConfigLoader never reads").isEmpty();
    }

    private static void collect(Config c, String path, String loader, List<String> unread) {
        boolean object = !c.getIsNull(path) && c.getValue(path).valueType() == ConfigValueType.OBJECT;
        if (object && !c.getConfig(path).isEmpty()) {
            c.getConfig(path).root().keySet().forEach(k -> collect(c, path + "." + k, loader, unread));
        } else if (!loader.contains("\"" + path + "\"")) {
            unread.add(path);
        }
    }
}
