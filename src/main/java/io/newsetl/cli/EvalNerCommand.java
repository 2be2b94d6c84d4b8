package io.newsetl.cli;

import io.newsetl.entities.ConllCorpus;
import io.newsetl.entities.EntityTagger;
import io.newsetl.entities.Gazetteer;
import io.newsetl.entities.NerEvaluator;
import io.newsetl.entities.NerModel;
import io.newsetl.entities.StandoffGold;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import opennlp.tools.util.Span;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code news-etl eval-ner --gold FILE}: precision, recall and F1 (conlleval semantics) of the entity tagger on a
 * CoNLL-format file, tokenisation included, and its speed on one core. A {@code .tsv} gold file is a stand-off set
 * ({@link StandoffGold}) scored against {@code --corpus DIR}: model-only and full (with gazetteers) scores. With {@code --compare corenlp} and Stanford
 * CoreNLP on the classpath (see {@code submit/eval-ner-corenlp.sh}), CoreNLP's figures are printed beside ours.
 */
@Command(name = "eval-ner", mixinStandardHelpOptions = true,
        description = "Score the entity tagger on a CoNLL file (token first, NER tag last; IOB1 or IOB2). "
                + "Last line: overall P= R= F1= tokens/s=")
final class EvalNerCommand implements Callable<Integer> {

    /** Implemented outside the default runtime (CoreNLP is GPL): a class of this name on the classpath. */
    static final String CORENLP_TAGGER = "io.newsetl.entities.CoreNlpTagger";

    @Option(names = "--gold", required = true,
            description = "CoNLL file, or stand-off annotations (.tsv: path, sha256, start, end, type) with --corpus.")
    Path gold;

    @Option(names = "--corpus", description = "Corpus folder the paths of a stand-off (.tsv) gold file are relative to.")
    Path corpus;

    @Option(names = "--model", defaultValue = "", description = "Model folder (default: the bundled model).")
    String model;

    @Option(names = "--gazetteers", defaultValue = "", description = "Gazetteer folder (default: the bundled copy of conf/gazetteers).")
    String gazetteers;

    @Option(names = "--model-only", description = "Score the statistical model without the gazetteers.")
    boolean modelOnly;

    @Option(names = "--compare", description = "Also score another tagger on the same file: corenlp.")
    String compare;

    @Option(names = "--errors", description = "With a stand-off gold file: print each missed (FN) and wrong (FP) "
            + "mention as the job writes them (names resolved), with its text.")
    boolean errors;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed passes before the timed ones (JIT warm-up; default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--passes", defaultValue = "5", description = "Timed passes; tokens/s is their median (default ${DEFAULT-VALUE}).")
    int passes;

    @Override
    public Integer call() throws Exception {
        if (gold.toString().endsWith(".tsv")) {
            return standoff();
        }
        List<ConllCorpus.Document> docs = ConllCorpus.read(gold);
        NerEvaluator.Result other = null;
        if (compare != null) {
            other = timed(docs, coreNlp());
            System.out.println("Stanford CoreNLP 4.5.10 english.conll.4class.distsim on " + gold);
            System.out.println(other.score().report());
            System.out.printf(Locale.ROOT, "corenlp tokens/s=%.0f%n", other.tokensPerSecond());
        }
        long heapBefore = usedHeapAfterGc();
        EntityTagger tagger = new EntityTagger(NerModel.load(model), modelOnly ? Gazetteer.of(java.util.Map.of())
                : Gazetteer.load(gazetteers));
        long heapLoaded = usedHeapAfterGc();
        NerEvaluator.Result goldTokens = NerEvaluator.evaluateGoldTokens(docs, tagger::tokenSpans);
        System.out.println("news-etl tagger (model only) on the gold tokens of " + gold);
        System.out.println(goldTokens.score().report());
        NerEvaluator.Result ours = timed(docs, text -> spans(tagger, text));
        NerEvaluator.Result resolved = NerEvaluator.evaluate(docs, text -> resolvedSpans(tagger, text));
        System.out.println("news-etl tagger (" + (modelOnly ? "model only" : "model + gazetteers") + ") on " + gold
                + " through our tokeniser, " + ours.tokens() + " tokens");
        System.out.println(ours.score().report());
        System.out.println("the same with the article's names resolved, as the job writes them (one type per name)");
        System.out.println(resolved.score().report());
        System.out.printf(Locale.ROOT, "heap: model, lexicon and gazetteers %.1f MB; with the tagger's word-type "
                + "cache after these passes %.1f MB (used heap after a full GC)%n", (heapLoaded - heapBefore) / 1e6,
                (usedHeapAfterGc() - heapBefore) / 1e6);
        java.lang.ref.Reference.reachabilityFence(tagger);
        System.out.printf(Locale.ROOT, "overall P=%.2f R=%.2f F1=%.2f gold-tokens F1=%.2f resolved F1=%.2f "
                + "tokens/s=%.0f%n", ours.score().overall().precision(), ours.score().overall().recall(),
                ours.score().overall().f1(), goldTokens.score().overall().f1(), resolved.score().overall().f1(),
                ours.tokensPerSecond());
        return 0;
    }

    /** A stand-off gold set: CoreNLP (when asked), then our model alone, then model and gazetteers (last line). */
    private int standoff() throws Exception {
        if (corpus == null) {
            throw new io.newsetl.model.ConfigException("A stand-off gold file (" + gold + ") needs --corpus DIR, the "
                    + "folder its paths are relative to (e.g. ../shared/data/bbc).");
        }
        StandoffGold set = StandoffGold.load(gold, corpus);
        set.problems().forEach(p -> System.out.println("left out: " + p));
        System.out.println(set.docs().size() + " documents, "
                + set.docs().stream().mapToInt(d -> d.gold().size()).sum() + " gold mentions in " + gold);
        if (compare != null) {
            NerEvaluator.Result other = timedStandoff(set, coreNlp());
            System.out.println("Stanford CoreNLP 4.5.10 english.conll.4class.distsim");
            System.out.println(other.score().report());
        }
        NerModel m = NerModel.load(model);
        EntityTagger modelTagger = new EntityTagger(m, Gazetteer.of(java.util.Map.of()));
        NerEvaluator.Result modelOnly = timedStandoff(set, text -> spans(modelTagger, text));
        System.out.println("news-etl tagger, model only");
        System.out.println(modelOnly.score().report());
        EntityTagger full = new EntityTagger(m, Gazetteer.load(gazetteers));
        NerEvaluator.Result ours = timedStandoff(set, text -> spans(full, text));
        System.out.println("news-etl tagger, model + gazetteers");
        System.out.println(ours.score().report());
        NerEvaluator.Result resolved = set.evaluate(text -> resolvedSpans(full, text));
        System.out.println("the same with the article's names resolved, as the job writes them (one type per name)");
        System.out.println(resolved.score().report());
        if (errors) {
            printErrors(set, full);
        }
        System.out.printf(Locale.ROOT, "overall P=%.2f R=%.2f F1=%.2f model-only F1=%.2f resolved F1=%.2f "
                + "tokens/s=%.0f%n", ours.score().overall().precision(), ours.score().overall().recall(),
                ours.score().overall().f1(), modelOnly.score().overall().f1(), resolved.score().overall().f1(),
                ours.tokensPerSecond());
        return 0;
    }

    private static void printErrors(StandoffGold set, EntityTagger tagger) {
        for (StandoffGold.Doc d : set.docs()) {
            List<Span> predicted = resolvedSpans(tagger, d.text());
            for (Span g : d.gold()) {
                if (!predicted.contains(g)) {
                    System.out.println("FN " + d.path() + " " + g.getType() + " " + d.text().substring(g.getStart(),
                            g.getEnd()) + predicted.stream().filter(p -> p.intersects(g)).map(p -> " [got "
                            + p.getType() + " " + d.text().substring(p.getStart(), p.getEnd()) + "]").toList());
                }
            }
            for (Span p : predicted) {
                if (!d.gold().contains(p) && d.gold().stream().noneMatch(g -> g.intersects(p))) {
                    System.out.println("FP " + d.path() + " " + p.getType() + " "
                            + d.text().substring(p.getStart(), p.getEnd()));
                }
            }
        }
    }

    /** The tagger's own mentions (before names are resolved). */
    private static List<Span> spans(EntityTagger tagger, String text) {
        return tagger.find(text, "en").stream().map(x -> new Span(x.start(), x.end(), x.type())).toList();
    }

    /** The mentions as the job writes them: names resolved, one type per name in the article. */
    private static List<Span> resolvedSpans(EntityTagger tagger, String text) {
        return tagger.tag(text, "en").stream().map(x -> new Span(x.start(), x.end(), x.type())).toList();
    }

    private NerEvaluator.SpanTagger coreNlp() throws Exception {
        if (!compare.equals("corenlp")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--compare takes corenlp, not " + compare);
        }
        try {
            return (NerEvaluator.SpanTagger) Class.forName(CORENLP_TAGGER).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new io.newsetl.model.ConfigException("CoreNLP is not on the classpath (it is GPL, so the job "
                    + "jar leaves it out): run submit/eval-ner-corenlp.sh --gold " + gold + " instead.");
        }
    }

    private NerEvaluator.Result timedStandoff(StandoffGold set, NerEvaluator.SpanTagger t) {
        return median(() -> set.evaluate(t));
    }

    private NerEvaluator.Result timed(List<ConllCorpus.Document> docs, NerEvaluator.SpanTagger t) {
        return median(() -> NerEvaluator.evaluate(docs, t));
    }

    /** Heap in use after a full collection (the tagger's once-per-executor footprint is measured by difference). */
    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** {@code warmup} untimed passes, then the pass of median speed among {@code passes} (one core, one thread). */
    private NerEvaluator.Result median(java.util.function.Supplier<NerEvaluator.Result> pass) {
        for (int i = 0; i < warmup; i++) {
            pass.get();
        }
        List<NerEvaluator.Result> timed = new java.util.ArrayList<>();
        for (int i = 0; i < Math.max(1, passes); i++) {
            timed.add(pass.get());
        }
        timed.sort(java.util.Comparator.comparingDouble(NerEvaluator.Result::tokensPerSecond));
        return timed.get(timed.size() / 2);
    }
}
