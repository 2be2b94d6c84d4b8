package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordClustersTest {

    @Test
    void addsTheClusterOfEachTokenLookedUpInLowerCaseWithDigitsFolded() {
        WordClusters c = WordClusters.of(Map.of("monday", 7, "0000", 3, "kim", 12));
        String[][] base = {{"dl"}, {}, {}, {}};
        String[][] f = c.features(new String[] {"Monday", "1996", "KIM", "zzz"}, base);
        assertThat(f[0]).containsExactly("dl", "wc=7");
        assertThat(f[1]).containsExactly("wc=3");
        assertThat(f[2]).containsExactly("wc=12");
        assertThat(f[3]).containsExactly("wc=none");
        assertThat(base[0]).containsExactly("dl");
    }

    @Test
    void noClustersLeaveTheFeaturesAsTheyAre() {
        String[][] base = {{"dl"}};
        assertThat(WordClusters.none().features(new String[] {"Kim"}, base)).isSameAs(base);
    }

    @Test
    void writesAndReadsTheSameClusters() throws Exception {
        WordClusters c = WordClusters.of(Map.of("monday", 7, "tuesday", 7, "seoul", 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.write(out);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("monday\t7\nseoul\t1\ntuesday\t7\n");
        WordClusters back = WordClusters.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.size()).isEqualTo(3);
        assertThat(back.features(new String[] {"Tuesday"}, new String[][] {{}})[0]).containsExactly("wc=7");
    }

    @Test
    void theBundledModelHasItsClusters() {
        // Trained with --unlabelled (README): a vocabulary of tens of thousands of words, weekdays together.
        NerModel m = NerModel.load("");
        assertThat(m.clusters().size()).isGreaterThan(10_000);
        String[][] f = m.clusters().features(new String[] {"Monday", "Friday"}, new String[][] {{}, {}});
        assertThat(f[0]).isEqualTo(f[1]).doesNotContain("wc=none");
    }
}
