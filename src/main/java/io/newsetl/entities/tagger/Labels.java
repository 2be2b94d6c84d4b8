package io.newsetl.entities.tagger;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.util.Span;

/**
 * The tagger's label set: BILOU over the four CoNLL types. {@code O} is 0; type {@code t} (index into
 * {@link #TYPES}) has {@code B = 1 + 4t}, {@code I = 2 + 4t}, {@code L = 3 + 4t}, {@code U = 4 + 4t}. A transition
 * is legal when it keeps every span well formed (a {@code B} or {@code I} is followed by an {@code I} or {@code L} of
 * its type; anything else by {@code O}, {@code B} or {@code U}); decoding never crosses an illegal one.
 *
 * <pre>{@code
 * int[] labels = Labels.encode(List.of(new opennlp.tools.util.Span(1, 3, "PER")), 4);  // {0, 1, 3, 0}
 * List<opennlp.tools.util.Span> spans = Labels.decode(labels, labels.length);          // [[1..3) PER]
 * }</pre>
 */
public final class Labels {

    /** The entity types, in label order. */
    public static final List<String> TYPES = List.of("PER", "ORG", "LOC", "MISC");
    public static final int COUNT = 1 + 4 * TYPES.size();
    public static final int O = 0;
    private static final int B = 1;
    private static final int I = 2;
    private static final int L = 3;
    private static final int U = 4;
    /** {@code ALLOWED[from * COUNT + to]}; {@code from == COUNT} is the sentence start. */
    private static final boolean[] ALLOWED = new boolean[(COUNT + 1) * COUNT];
    private static final boolean[] CAN_END = new boolean[COUNT];
    /** {@code PREDECESSORS[to]}: the labels that may precede {@code to} (not the sentence start). */
    private static final int[][] PREDECESSORS = new int[COUNT][];

    static {
        for (int from = 0; from <= COUNT; from++) {
            for (int to = 0; to < COUNT; to++) {
                boolean open = from < COUNT && from != O && (part(from) == B || part(from) == I);
                boolean continues = to != O && (part(to) == I || part(to) == L);
                ALLOWED[from * COUNT + to] = open ? continues && type(to) == type(from) : !continues;
            }
        }
        for (int l = 0; l < COUNT; l++) {
            CAN_END[l] = l == O || part(l) == L || part(l) == U;
            int to = l;
            PREDECESSORS[l] = java.util.stream.IntStream.range(0, COUNT).filter(from -> allowed(from, to)).toArray();
        }
    }

    private Labels() {
    }

    static int part(int label) {
        return (label - 1) % 4 + 1;
    }

    static int type(int label) {
        return (label - 1) / 4;
    }

    static int label(int type, int part) {
        return 1 + 4 * type + (part - 1);
    }

    /** Whether {@code to} may follow {@code from} ({@code from == COUNT}: the sentence start). */
    public static boolean allowed(int from, int to) {
        return ALLOWED[from * COUNT + to];
    }

    /** The labels that may precede {@code label} inside a sentence; shared, do not change. */
    static int[] predecessors(int label) {
        return PREDECESSORS[label];
    }

    /** Whether a sentence may end on {@code label}. */
    public static boolean canEnd(int label) {
        return CAN_END[label];
    }

    public static String name(int label) {
        return label == O ? "O" : "BILU".charAt(part(label) - 1) + "-" + TYPES.get(type(label));
    }

    /** BILOU labels of a sentence of {@code n} tokens with these (non-overlapping) token spans. */
    public static int[] encode(List<Span> spans, int n) {
        int[] out = new int[n];
        for (Span s : spans) {
            int t = TYPES.indexOf(s.getType());
            if (t < 0) {
                throw new IllegalArgumentException("Unknown entity type " + s.getType() + "; the tagger knows " + TYPES);
            }
            if (s.length() == 1) {
                out[s.getStart()] = label(t, U);
            } else {
                out[s.getStart()] = label(t, B);
                for (int i = s.getStart() + 1; i < s.getEnd() - 1; i++) {
                    out[i] = label(t, I);
                }
                out[s.getEnd() - 1] = label(t, L);
            }
        }
        return out;
    }

    /** The token spans of the first {@code n} labels (a well-formed sequence, as decoding returns). */
    public static List<Span> decode(int[] labels, int n) {
        List<Span> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            if (l == O) {
                start = -1;
                continue;
            }
            switch (part(l)) {
                case U -> {
                    out.add(new Span(i, i + 1, TYPES.get(type(l))));
                    start = -1;
                }
                case B -> start = i;
                case L -> {
                    if (start >= 0) {
                        out.add(new Span(start, i + 1, TYPES.get(type(l))));
                    }
                    start = -1;
                }
                default -> {
                }
            }
        }
        return out;
    }
}
