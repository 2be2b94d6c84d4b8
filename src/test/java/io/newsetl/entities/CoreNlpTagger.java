package io.newsetl.entities;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.Triple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opennlp.tools.util.Span;

/**
 * Stanford CoreNLP 4.5.10's CoNLL 4-class CRF ({@code english.conll.4class.distsim}) behind the evaluator's tagger
 * interface, for {@code eval-ner --compare corenlp}. It tokenises with its own PTB tokenizer, so the comparison
 * includes tokenisation on both sides. Test scope only: CoreNLP is GPL and stays out of the job's jars. Needs the
 * CoreNLP models jar on the classpath ({@code mvn -Pcorenlp}, see submit/eval-ner-corenlp.sh).
 */
public final class CoreNlpTagger implements NerEvaluator.SpanTagger {

    static final String MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";
    private static final Map<String, String> TYPES = Map.of("PERSON", "PER", "ORGANIZATION", "ORG",
            "LOCATION", "LOC", "MISC", "MISC");

    private final CRFClassifier<CoreLabel> crf;

    public CoreNlpTagger() throws Exception {
        crf = CRFClassifier.getClassifier(MODEL);
    }

    @Override
    public List<Span> spans(String text) {
        List<Span> out = new ArrayList<>();
        for (Triple<String, Integer, Integer> t : crf.classifyToCharacterOffsets(text)) {
            out.add(new Span(t.second(), t.third(), TYPES.getOrDefault(t.first(), t.first())));
        }
        return out;
    }
}
