package io.newsetl.dedup;

import io.newsetl.model.Hash128;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes paragraphs that repeat an earlier paragraph of the same article (after normalisation); the first copy
 * stays where it was.
 *
 * <pre>{@code
 * RepeatRemover.apply(List.of("Lead.", "Long text.", "LONG  text."));
 *   // kept = ["Lead.", "Long text."], hashes of both, removed = 1
 * }</pre>
 */
public final class RepeatRemover {

    /** The kept paragraphs in order, their hashes (same order) and how many repeats were dropped. */
    public record Result(List<String> kept, List<Hash128> keptHashes, int removed) {
    }

    private RepeatRemover() {
    }

    public static Result apply(List<String> paragraphs) {
        List<String> kept = new ArrayList<>(paragraphs.size());
        List<Hash128> hashes = new ArrayList<>(paragraphs.size());
        Set<Hash128> seen = new HashSet<>();
        for (String p : paragraphs) {
            Hash128 h = TextNormalizer.paragraphHash(p);
            if (seen.add(h)) {
                kept.add(p);
                hashes.add(h);
            }
        }
        return new Result(List.copyOf(kept), List.copyOf(hashes), paragraphs.size() - kept.size());
    }
}
