package io.newsetl.dedup;

import io.newsetl.model.Body;
import io.newsetl.model.ContentHasher;
import io.newsetl.model.Document;
import io.newsetl.model.Hash128;
import io.newsetl.model.PathRules;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;

/**
 * Removes paragraphs repeated inside one article and fills the body, the kept paragraphs' hashes and the counts.
 *
 * <pre>{@code
 * Dataset<Document> kept = RepeatStage.removeRepeats(parsed, CorpusDedup.Settings.defaults(), "file:/in/");
 * }</pre>
 */
public final class RepeatStage {

    /**
     * Also sets each article's source priority and canonical sort key ({@link CanonicalOrder}) in the same pass, so
     * that the corpus-wide dedup reads them as plain columns of the persisted documents.
     *
     * @param inputRoot the prefix shared by every listed path ({@code InputLister.Listing#commonRoot}); it is cut
     *                  from the paths in the sort keys, which keeps them short without changing their order
     */
    public static Dataset<Document> removeRepeats(Dataset<Document> docs, CorpusDedup.Settings settings,
            String inputRoot) {
        PathRules<Integer> priorities = new PathRules<>(settings.sourcePriority());
        int fallback = settings.defaultSourcePriority();
        return docs.map((MapFunction<Document, Document>) d -> {
            Document out = withCanonicalKey(apply(d), priorities, fallback, inputRoot);
            out.setDedupTruncated(!out.isRejected() && settings.truncates(out.getParagraphsKept()));
            return out;
        }, Encoders.bean(Document.class));
    }

    /** Sets the source priority (first matching glob, else {@code fallback}) and the canonical sort key. */
    public static Document withCanonicalKey(Document d, PathRules<Integer> priorities, int fallback,
            String inputRoot) {
        if (!d.isRejected()) {
            Integer p = priorities.match(d.getSourcePath());
            d.setSourcePriority(p == null ? fallback : p);
            String path = d.getSourcePath();
            String relative = path.startsWith(inputRoot) ? path.substring(inputRoot.length()) : path;
            d.setCanonicalKey(CanonicalOrder.key(d.getPublishedAt(), d.getSourcePriority(), relative,
                    d.getDocumentId()));
        }
        return d;
    }

    /** The pure step, applied to one document; rejects pass through unchanged. */
    public static Document apply(Document d) {
        if (d.isRejected() || d.getParagraphs() == null) {
            return d;
        }
        RepeatRemover.Result r = RepeatRemover.apply(d.getParagraphs());
        // The body holds the kept paragraphs from here on; the list would only double the row.
        d.setParagraphs(null);
        d.setParagraphHashes(r.keptHashes().stream().map(Hash128::hex).toList());
        d.setParagraphChars(r.kept().stream().map(String::length).toList());
        d.setBodyHash(ContentHasher.sequenceHash(r.keptHashes()).hex());
        d.setParagraphsKept(r.kept().size());
        d.setRepeatsRemoved(r.removed());
        String body = Body.join(r.kept());
        d.setBody(body);
        d.setBodyChars(body.length());
        d.setNormalization(TextNormalizer.VERSION);
        return d;
    }

}
