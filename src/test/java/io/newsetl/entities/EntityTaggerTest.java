package io.newsetl.entities;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.testing.SharedData;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled model and gazetteers on text of the corpus's domain. */
class EntityTaggerTest {

    private static final EntityTagger TAGGER = new EntityTagger(NerModel.load(""), Gazetteer.load(""));

    /** Written for this test in the style of the KBS seed article (which is not copied here). */
    private static final String BODY = "Working-level talks between North Korea and the U.S. resumed at Panmunjeom."
            + "\n\nThe talks are led by U.S. Ambassador to the Philippines Sung Kim and North Korean Vice Foreign "
            + "Minister Choe Son-hui. Citing a U.S. official, the Wall Street Journal said the White House delayed "
            + "sanctions.\n\nAfter President Trump canceled the summit, Secretary of State Mike Pompeo told Congress "
            + "that Washington was preparing sanctions on Pyongyang.";

    @Test
    void findsTheNamesOfTheSeedStory() {
        List<EntityTagger.Mention> found = TAGGER.tag(BODY, "en");
        assertThat(found).extracting(m -> m.text() + "/" + m.type()).contains("Sung Kim/PER", "Choe Son-hui/PER",
                "Mike Pompeo/PER", "Trump/PER", "Wall Street Journal/ORG", "White House/ORG", "Congress/ORG",
                "Panmunjeom/LOC", "Pyongyang/LOC", "Washington/LOC", "Philippines/LOC", "North Korea/LOC");
        assertThat(found).extracting(EntityTagger.Mention::text).doesNotContain("Philippines Sung Kim");
        for (EntityTagger.Mention m : found) {
            assertThat(BODY.substring(m.start(), m.end())).isEqualTo(m.text());
            assertThat(m.paragraph()).isEqualTo(BODY.substring(0, m.start()).split("\n\n", -1).length - 1);
        }
        assertThat(found).filteredOn(m -> m.text().equals("Trump")).extracting(EntityTagger.Mention::canonical)
                .containsOnly("Donald Trump");
    }

    @Test
    void modelFindsNamesNoGazetteerLists() {
        List<EntityTagger.Mention> found = TAGGER.tag("Shares of Deutsche Bank fell 2 percent in Frankfurt, said "
                + "analyst John Smith of Merrill Lynch.", "en");
        assertThat(found).extracting(m -> m.text() + "/" + m.type() + "/" + m.source())
                .containsExactly("Deutsche Bank/ORG/model", "Frankfurt/LOC/model", "John Smith/PER/model",
                        "Merrill Lynch/ORG/model");
        assertThat(found).allSatisfy(m -> assertThat(m.score()).isBetween(0.0, 1.0));
    }

    @Test
    void koreanProperNounsAreTypedThroughTheGazetteerElseMisc() {
        String body = "문재인 대통령은 판문점에서 김정은 국무위원장과 만났다.\n\n소양강댐 방류가 시작됐다.";
        List<EntityTagger.Mention> found = TAGGER.tag(body, "ko");
        assertThat(found).extracting(m -> m.text() + "/" + m.type() + "/" + m.canonical())
                .contains("문재인/PER/Moon Jae-in", "판문점/LOC/Panmunjeom", "김정은/PER/Kim Jong-un");
        assertThat(found).filteredOn(m -> m.paragraph() == 1).isNotEmpty()
                .allSatisfy(m -> assertThat(m.type()).isEqualTo("MISC"));
    }

    @Test
    void theRealSeedArticleYieldsTheListedEntities() throws Exception {
        String seed = Files.readString(SharedData.require("seed/kbs-2018-05-29-back-on-track.txt"));
        String body = seed.substring(seed.indexOf('\n') + 1);
        assertThat(TAGGER.tag(body, "en")).extracting(m -> m.text() + "/" + m.type())
                .contains("Sung Kim/PER", "Choe Son-hui/PER", "Mike Pompeo/PER", "Trump/PER", "Wall Street Journal/ORG",
                        "White House/ORG", "Congress/ORG", "Panmunjeom/LOC", "Pyongyang/LOC", "Washington/LOC",
                        "Philippines/LOC", "North Korea/LOC")
                .doesNotContain("Philippines Sung Kim/PER", "Philippines Sung Kim/LOC");
    }

    @Test
    void joinsTouchingSpansOfOneTypeOnly() {
        opennlp.tools.util.Span[] spans = {
                new opennlp.tools.util.Span(0, 1, "PER"), new opennlp.tools.util.Span(1, 3, "PER"),
                new opennlp.tools.util.Span(3, 4, "ORG"), new opennlp.tools.util.Span(5, 6, "ORG")};
        double[] probs = {0.4, 0.7, 0.9, 0.8};
        int n = EntityTagger.mergeAdjacent(spans, probs);
        assertThat(n).isEqualTo(3);
        assertThat(List.of(spans).subList(0, n)).containsExactly(new opennlp.tools.util.Span(0, 3, "PER"),
                new opennlp.tools.util.Span(3, 4, "ORG"), new opennlp.tools.util.Span(5, 6, "ORG"));
        assertThat(probs[0]).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(probs[1]).isEqualTo(0.9);
        assertThat(probs[2]).isEqualTo(0.8);
    }

    @Test
    void leavesTitlesOutOfPersonNames() {
        List<EntityTagger.Mention> found = TAGGER.tag("Mr Ebbers and Dr. Ana Silva met Prime Minister Tony Blair "
                + "in Lord Street.", "en");
        assertThat(found).filteredOn(m -> m.type().equals("PER")).extracting(EntityTagger.Mention::text)
                .containsExactly("Ebbers", "Ana Silva", "Tony Blair");
        String[] words = {"Mr", "Blair", "and", "Lord", "Street", "met", "Attorney", "General", "Lord", "Goldsmith"};
        assertThat(EntityTagger.withoutTitle(new opennlp.tools.util.Span(0, 2, "PER"), words))
                .isEqualTo(new opennlp.tools.util.Span(1, 2, "PER"));
        assertThat(EntityTagger.withoutTitle(new opennlp.tools.util.Span(3, 5, "LOC"), words))
                .isEqualTo(new opennlp.tools.util.Span(3, 5, "LOC"));
        assertThat(EntityTagger.withoutTitle(new opennlp.tools.util.Span(6, 10, "PER"), words))
                .isEqualTo(new opennlp.tools.util.Span(9, 10, "PER"));
        assertThat(EntityTagger.withoutTitle(new opennlp.tools.util.Span(0, 1, "PER"), words)).as("a title alone")
                .isNull();
        assertThat(Titles.leading(new String[] {"Home", "Office"}, 0, 2)).as("a modifier alone").isZero();
        assertThat(TAGGER.tag("The Prime Minister said the plan was ready, and the Foreign Secretary agreed.", "en"))
                .as("a title alone is not a name").noneMatch(m -> m.type().equals("PER"));
        assertThat(EntityTagger.titleChars("Lord  Woolf")).isEqualTo(6);
        assertThat(EntityTagger.titleChars("Lord Street")).isEqualTo(5);
        assertThat(EntityTagger.titleChars("Mr")).isZero();
        assertThat(Titles.before("said Attorney General Lord Goldsmith", 27)).isEqualTo("Attorney General Lord");
        assertThat(Titles.before("the Scottish Jim Wallace", 13)).isNull();
    }

    /** The bundled model on CoNLL-2003 testb, held out from training and tuning: the two floors. */
    @Test
    void bundledModelKeepsItsConllScores() {
        List<ConllCorpus.Document> testb = ConllCorpus.read(SharedData.require("conll2003/eng.testb"));
        EntityTagger model = new EntityTagger(NerModel.load(""), Gazetteer.of(java.util.Map.of()));
        assertThat(NerEvaluator.evaluateGoldTokens(testb, model::tokenSpans).score().overall().f1())
                .as("gold tokens").isGreaterThanOrEqualTo(89.0);
        assertThat(NerEvaluator.evaluate(testb, model::modelSpans).score().overall().f1())
                .as("through our tokeniser").isGreaterThanOrEqualTo(88.0);
    }

    @Test
    void listedNonEntitiesAreNeverMentionsButLongerNamesThatHoldThemStay() {
        List<EntityTagger.Mention> found = TAGGER.tag("Kick-off is at 1500 GMT on Christmas Eve, before Christmas "
                + "with the Kranks opens and the Oscars.", "en");
        assertThat(found).extracting(EntityTagger.Mention::text).doesNotContain("GMT", "Christmas Eve", "Christmas");
        assertThat(found).extracting(m -> m.text() + "/" + m.type()).contains("Oscars/MISC");
    }

    @Test
    void resolvesShortFormsAndKeepsTitlesInTheirOwnColumn() {
        List<EntityTagger.Mention> found = TAGGER.tag("Prime Minister Tony Blair spoke.\n\nMr Blair said Blair's "
                + "plan was ready, Dr. Ana Silva said.", "en");
        assertThat(found).filteredOn(m -> m.type().equals("PER"))
                .extracting(m -> m.text() + "|" + m.canonical() + "|" + m.title())
                .containsExactly("Tony Blair|Tony Blair|Prime Minister", "Blair|Tony Blair|Mr", "Blair|Tony Blair|null",
                        "Ana Silva|Ana Silva|Dr.");
        assertThat(Titles.before("the Foreign Secretary Jack Straw", 22)).isEqualTo("Foreign Secretary");
        assertThat(Titles.before("Mr Blair", 0)).isNull();
        assertThat(Titles.before("Mrs.Smith", 4)).isNull();
    }

    @Test
    void aFamilyOrAnotherBearerOfTheNameKeepsItsOwnName() {
        String body = "Gianni Agnelli led Fiat for decades. The Agnelli family still controls it.\n\n"
                + "Sonia O'Sullivan won again; an O'Sullivan has not lost here since 1995, O'Sullivan said.";
        assertThat(EntityTagger.standsAlone(body, body.indexOf("Agnelli family"), body.indexOf(" family"))).isTrue();
        int an = body.indexOf("an O'Sullivan") + 3;
        assertThat(EntityTagger.standsAlone(body, an, an + "O'Sullivan".length())).isTrue();
        int said = body.lastIndexOf("O'Sullivan said");
        assertThat(EntityTagger.standsAlone(body, said, said + "O'Sullivan".length())).isFalse();
        assertThat(EntityTagger.standsAlone("A Smith won.", 2, 7)).as("an initial, not an article").isFalse();
        // The rule in the resolution: the family keeps its own name, the person's short form takes the full one.
        List<io.newsetl.names.ArticleNames.Resolved> r = io.newsetl.names.ArticleNames.resolve(List.of(
                new io.newsetl.names.ArticleNames.Mention("Gianni Agnelli", "PER", null, 0.9),
                new io.newsetl.names.ArticleNames.Mention("Agnelli", "PER", null, 0.8, true),
                new io.newsetl.names.ArticleNames.Mention("Agnelli", "PER", null, 0.8)), io.newsetl.names.Aliases.none());
        assertThat(r).extracting(io.newsetl.names.ArticleNames.Resolved::canonical)
                .containsExactly("Gianni Agnelli", "Agnelli", "Gianni Agnelli");
    }
}
