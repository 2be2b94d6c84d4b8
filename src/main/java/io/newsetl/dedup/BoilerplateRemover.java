package io.newsetl.dedup;

import io.newsetl.model.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Removes boilerplate paragraphs (those whose hash the corpus-wide count marked as boilerplate) from an article's
 * body, keeping the hashes and character counts aligned, and counts them.
 *
 * <pre>{@code
 * BoilerplateRemover.apply(doc, Set.of("ab12..."))  // body without the footer, boilerplateRemoved = 1
 * }</pre>
 */
public final class BoilerplateRemover {

    private BoilerplateRemover() {
    }

    public static Document apply(Document d, Set<String> boilerplate) {
        if (boilerplate == null || boilerplate.isEmpty() || d.getParagraphHashes() == null) {
            return d;
        }
        List<String> paragraphs = List.of(d.getBody().split(RepeatStage.PARAGRAPH_SEPARATOR, -1));
        List<String> keptText = new ArrayList<>();
        List<String> keptHashes = new ArrayList<>();
        List<Integer> keptChars = new ArrayList<>();
        for (int i = 0; i < d.getParagraphHashes().size(); i++) {
            String h = d.getParagraphHashes().get(i);
            if (!boilerplate.contains(h)) {
                keptText.add(paragraphs.get(i));
                keptHashes.add(h);
                keptChars.add(d.getParagraphChars().get(i));
            }
        }
        int removed = d.getParagraphHashes().size() - keptHashes.size();
        if (removed == 0) {
            return d;
        }
        String body = String.join(RepeatStage.PARAGRAPH_SEPARATOR, keptText);
        d.setBody(body);
        d.setBodyChars(body.length());
        d.setParagraphHashes(keptHashes);
        d.setParagraphChars(keptChars);
        d.setParagraphsKept(keptHashes.size());
        d.setBoilerplateRemoved(removed);
        return d;
    }
}
