package io.newsetl.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleNamesTest {

    private static ArticleNames.Mention m(String text, String type) {
        return new ArticleNames.Mention(text, type, null, 0.5);
    }

    private static List<String> resolve(Aliases aliases, ArticleNames.Mention... mentions) {
        return ArticleNames.resolve(List.of(mentions), aliases).stream().map(r -> r.canonical() + "/" + r.type())
                .toList();
    }

    @Test
    void shortFormsOfAPersonTakeTheFullestNameOfTheArticle() {
        assertThat(resolve(Aliases.none(), m("Tony Blair", "PER"), m("Blair", "PER"), m("Blair", "ORG"),
                m("Blair", "PER"), m("Gordon Brown", "PER"), m("James Gordon Brown", "PER"), m("Brown", "PER")))
                .containsExactly("Tony Blair/PER", "Tony Blair/PER", "Tony Blair/PER", "Tony Blair/PER",
                        "James Gordon Brown/PER", "James Gordon Brown/PER", "James Gordon Brown/PER");
    }

    @Test
    void aLongerNameEndingWithAPersonOfTheArticleIsThatPerson() {
        assertThat(resolve(Aliases.none(), m("JP McManus", "ORG"), m("McManus", "PER"), m("McManus", "PER")))
                .containsExactly("JP McManus/PER", "JP McManus/PER", "JP McManus/PER");
    }

    @Test
    void neverJoinsTwoDifferentFullNames() {
        assertThat(resolve(Aliases.none(), m("Gordon Brown", "PER"), m("Nick Brown", "PER"), m("Brown", "PER")))
                .containsExactly("Gordon Brown/PER", "Nick Brown/PER", "Brown/PER");
    }

    @Test
    void oneTypePerNameByVoteWithTheGazetteerWinning() {
        assertThat(resolve(Aliases.none(), m("Tory", "ORG"), m("Tory", "MISC"), m("Tory", "ORG"), m("Oscar", "PER"),
                new ArticleNames.Mention("Oscars", "MISC", "Oscars", null), m("Oscar", "PER")))
                .containsExactly("Tory/ORG", "Tory/ORG", "Tory/ORG", "Oscar/PER", "Oscars/MISC", "Oscar/PER");
        assertThat(resolve(Aliases.none(), m("Washington", "LOC"),
                new ArticleNames.Mention("Washington", "LOC", "Washington", null), m("Denzel Washington", "PER")))
                .as("a listed place is not a short form of a person").containsExactly("Washington/LOC",
                        "Washington/LOC", "Denzel Washington/PER");
        assertThat(resolve(Aliases.none(), m("Roy Disney", "PER"), m("Disney", "ORG"), m("Disney", "ORG")))
                .as("nor is a company named after one").containsExactly("Roy Disney/PER", "Disney/ORG", "Disney/ORG");
        assertThat(resolve(Aliases.none(), m("Kim", "PER"), m("Kim", "ORG")))
                .as("a tie goes to the higher score, then PER, ORG, LOC, MISC").containsExactly("Kim/PER", "Kim/PER");
    }

    @Test
    void editorsAliasesWinLast() {
        Aliases a = Aliases.parse("# comment\nGordon Brown\tBrown\tG. Brown\n");
        assertThat(resolve(a, m("Brown", "PER"), m("G. Brown", "PER"), m("Blair", "PER")))
                .containsExactly("Gordon Brown/PER", "Gordon Brown/PER", "Blair/PER");
        assertThat(a.size()).isEqualTo(2);
        assertThat(Aliases.load("").size()).as("shipped empty").isZero();
    }
}
