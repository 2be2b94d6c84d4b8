package io.newsetl.entities.tagger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseSetTest {

    private final PhraseSet set = PhraseSet.builder(List.of("city", "country"))
            .add(new String[] {"New", "York"}, 0).add(new String[] {"New", "York", "City"}, 0)
            .add(new String[] {"Georgia"}, 0).add(new String[] {"Georgia"}, 1).build();

    @Test
    void findsAPhraseByTheHashOfItsTokensWithEveryCategory() {
        assertThat(set.categories(PhraseSet.hash(new String[] {"New", "York"}, 0, 2))).isEqualTo(0b01);
        assertThat(set.categories(PhraseSet.hash(new String[] {"Georgia"}, 0, 1))).isEqualTo(0b11);
        assertThat(set.categories(PhraseSet.hash(new String[] {"New"}, 0, 1))).isZero();
        assertThat(set.maxTokens()).isEqualTo(3);
    }

    @Test
    void marksTheBeginningsOfLongerPhrasesSoThatMatchingStopsEarly() {
        assertThat(set.lookup(PhraseSet.hash(new String[] {"New"}, 0, 1)) & PhraseSet.PREFIX).isNotZero();
        assertThat(set.lookup(PhraseSet.hash(new String[] {"New", "York"}, 0, 2)) & PhraseSet.PREFIX).isNotZero();
        assertThat(set.lookup(PhraseSet.hash(new String[] {"Georgia"}, 0, 1)) & PhraseSet.PREFIX).isZero();
        assertThat(set.lookup(PhraseSet.hash(new String[] {"Old"}, 0, 1))).isZero();
    }

    @Test
    void marksEachTokenOfTheLongestMatchWithItsPlace() {
        WordType[] s = java.util.Arrays.stream(new String[] {"He", "left", "New", "York", "City", "."})
                .map(w -> WordType.of(w, Lexicon.empty())).toArray(WordType[]::new);
        SentenceFeatures f = new SentenceFeatures();
        f.compute(s, new PhraseSet[] {set}, null);
        long category = Hashing.mix(SentenceFeatures.LIST, 0);
        assertThat(keys(f, 2)).contains(Hashing.mix(category, 0)).doesNotContain(Hashing.mix(category, 3));
        assertThat(keys(f, 3)).contains(Hashing.mix(category, 1));
        assertThat(keys(f, 4)).contains(Hashing.mix(category, 2));
        assertThat(keys(f, 1)).doesNotContain(Hashing.mix(category, 0), Hashing.mix(category, 1),
                Hashing.mix(category, 2), Hashing.mix(category, 3));
    }

    private static List<Long> keys(SentenceFeatures f, int token) {
        List<Long> out = new java.util.ArrayList<>();
        for (int k = 0; k < f.count(token); k++) {
            out.add(f.key(token, k));
        }
        return out;
    }
}
