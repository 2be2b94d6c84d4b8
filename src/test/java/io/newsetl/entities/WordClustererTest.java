package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.testing.SparkStageTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordClustererTest extends SparkStageTest {

    private static List<List<String>> text() {
        List<List<String>> s = new ArrayList<>();
        String[] days = {"Monday", "Tuesday", "Friday"};
        String[] cities = {"Seoul", "Pyongyang", "Tokyo"};
        for (int i = 0; i < 60; i++) {
            s.add(List.of("talks", "resume", "on", days[i % 3], "."));
            s.add(List.of("envoys", "arrived", "in", cities[i % 3], "."));
        }
        return s;
    }

    @Test
    void clustersEveryFrequentWordTheSameWayOnEachRun() {
        WordClusterer.Settings settings = new WordClusterer.Settings(10, 2, 2, 5, 4, 42);
        WordClusters a = WordClusterer.cluster(spark(), text(), settings);
        WordClusters b = WordClusterer.cluster(spark(), text(), settings);
        assertThat(a.size()).isEqualTo(13); // every word of the text occurs at least twice
        String[] words = {"talks", "resume", "on", "Monday", "Tuesday", "Friday", "envoys", "arrived", "in", "Seoul",
                "Pyongyang", "Tokyo", "."};
        String[][] none = new String[words.length][0];
        String[][] fa = a.features(words, none);
        assertThat(fa).isDeepEqualTo(b.features(words, none));
        for (String[] f : fa) {
            assertThat(f).hasSize(1);
            assertThat(f[0]).matches("wc=[0-3]");
        }
    }
}
