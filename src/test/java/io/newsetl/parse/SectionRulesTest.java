package io.newsetl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.newsetl.model.ConfigException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionRulesTest {

    /** The rules of conf/news-etl-defaults.conf, as shipped. */
    private static SectionRules defaults() {
        return new SectionRules(ConfigFactory.parseFile(Path.of("conf/news-etl-defaults.conf").toFile())
                .getStringList("news-etl.parse.sections"));
    }

    @Test
    void theDefaultTakesAWordFolderAndNeverADate() {
        SectionRules rules = defaults();
        for (String s : List.of("business", "entertainment", "politics", "sport", "tech")) {
            assertThat(rules.sectionOf("file:/data/bbc/" + s + "/001.txt")).isEqualTo(s);
        }
        assertThat(rules.sectionOf("hdfs://nn:8020/crawl/World/a.txt.gz")).isEqualTo("world");
        assertThat(rules.sectionOf("file:/crawl/kbs/2018/05/30/a.txt")).isNull();
        assertThat(rules.sectionOf("file:/crawl/kbs/2018-05-30/a.txt")).isNull();
        assertThat(rules.sectionOf("a.txt")).isNull();
    }

    @Test
    void theFirstMatchingRuleWinsAndItsGroupIsTheSection() {
        SectionRules rules = new SectionRules(List.of("/kbs/(?:en|ko)/([a-z]+)/", "/([a-z]+)/[^/]+$"));
        assertThat(rules.sectionOf("s3a://bucket/kbs/en/economy/2018/05/a.txt")).isEqualTo("economy");
        assertThat(rules.sectionOf("file:/x/culture/b.txt")).isEqualTo("culture");
        assertThat(new SectionRules(List.of()).sectionOf("file:/x/culture/b.txt")).isNull();
        // An optional group that matched nothing gives no section rather than an empty one.
        assertThat(new SectionRules(List.of("/news(?:/(x+))?/")).sectionOf("file:/news/a.txt")).isNull();
    }

    @Test
    void aRuleWithoutGroupOrThatDoesNotCompileSaysHowToFixIt() {
        assertThatThrownBy(() -> new SectionRules(List.of("/news/[a-z]+/"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("parse.sections").hasMessageContaining("capturing group");
        assertThatThrownBy(() -> new SectionRules(List.of("/news/([a-z]+/"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Bad regex in parse.sections");
    }
}
