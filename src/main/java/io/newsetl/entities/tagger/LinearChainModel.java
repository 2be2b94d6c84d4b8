package io.newsetl.entities.tagger;

import com.carrotsearch.hppc.LongIntHashMap;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A linear-chain tagger: per token, a score per {@link Labels label} summed from the weights of its features
 * (primitive arrays, one row of {@link Labels#COUNT} floats per feature key); between tokens, a transition score;
 * decoded by first-order Viterbi over legal transitions only. Immutable once read; shared by every task of an
 * executor.
 *
 * <p>File format ({@value #FORMAT_VERSION}), gzip-compressed: a magic line, the format version, the feature version,
 * the label count, the rows (key, then one float per label), the transitions, then the SHA-256 of everything before
 * it. A file that fails the checksum or carries another version is refused with a message saying how to retrain.
 */
public final class LinearChainModel {

    public static final int FORMAT_VERSION = 1;
    /** Changes whenever {@link WordType}, {@link SentenceFeatures} or {@link DocumentEvidence} change their keys. */
    public static final String FEATURE_VERSION = "bilou-window2-brown2-lists-doc-1";
    static final int L = Labels.COUNT;
    /** Neighbours on each side whose features a token sees (the window is -WINDOW..+WINDOW). */
    static final int WINDOW = 2;
    private static final String MAGIC = "news-etl linear-chain tagger";

    private final LongIntHashMap rows;
    private final float[] weights;
    /** {@code transitions[from * L + to]}, {@code from == L} the sentence start. */
    private final float[] transitions;

    LinearChainModel(LongIntHashMap rows, float[] weights, float[] transitions) {
        this.rows = rows;
        this.weights = weights;
        this.transitions = transitions;
    }

    public int features() {
        return rows.size();
    }

    static long contextKey(long key, int offset) {
        return Hashing.mix(key, 100 + offset);
    }

    /** Adds the row of {@code key} (if the model has one) to {@code out[off, off + L)}. */
    private void addRow(long key, float[] out, int off) {
        int r = rows.getOrDefault(key, -1);
        if (r >= 0) {
            int w = r * L;
            for (int l = 0; l < L; l++) {
                out[off + l] += weights[w + l];
            }
        }
    }

    /** A type's scores at each offset from the scored token, {@code [(offset + WINDOW) * L + label]}. */
    float[] typeScores(WordType t) {
        float[] s = new float[(2 * WINDOW + 1) * L];
        for (long k : t.own) {
            addRow(k, s, WINDOW * L);
        }
        for (int o = -WINDOW; o <= WINDOW; o++) {
            if (o != 0) {
                for (long k : t.context) {
                    addRow(contextKey(k, o), s, (o + WINDOW) * L);
                }
            }
        }
        return s;
    }

    /** Emission scores of a sentence: the cached type scores of the window plus the positional features. */
    void emissions(WordType[] s, WordType before, WordType after, SentenceFeatures pf, float[] out) {
        int n = s.length;
        Arrays.fill(out, 0, n * L, 0f);
        for (int i = 0; i < n; i++) {
            int off = i * L;
            for (int o = -WINDOW; o <= WINDOW; o++) {
                int j = i + o;
                WordType t = j < 0 ? before : j >= n ? after : s[j];
                if (t.scores == null) {
                    t.scores = typeScores(t);
                }
                float[] ts = t.scores;
                int so = (o + WINDOW) * L;
                for (int l = 0; l < L; l++) {
                    out[off + l] += ts[so + l];
                }
            }
            for (int k = 0; k < pf.count(i); k++) {
                addRow(pf.key(i, k), out, off);
            }
        }
    }

    /** Viterbi decoding with these transitions; the best legal labels go to {@code out[0, n)}. */
    static void decode(float[] emissions, int n, float[] transitions, float[] delta, int[] back, int[] out) {
        if (n == 0) {
            return;
        }
        for (int l = 0; l < L; l++) {
            delta[l] = Labels.allowed(L, l) ? transitions[L * L + l] + emissions[l] : Float.NEGATIVE_INFINITY;
        }
        for (int i = 1; i < n; i++) {
            int cur = i * L;
            int prev = cur - L;
            for (int l = 0; l < L; l++) {
                float best = Float.NEGATIVE_INFINITY;
                int arg = 0;
                for (int p : Labels.predecessors(l)) {
                    float v = delta[prev + p] + transitions[p * L + l];
                    if (v > best) {
                        best = v;
                        arg = p;
                    }
                }
                delta[cur + l] = best + emissions[cur + l];
                back[cur + l] = arg;
            }
        }
        int last = (n - 1) * L;
        float best = Float.NEGATIVE_INFINITY;
        int arg = 0;
        for (int l = 0; l < L; l++) {
            if (Labels.canEnd(l) && delta[last + l] > best) {
                best = delta[last + l];
                arg = l;
            }
        }
        out[n - 1] = arg;
        for (int i = n - 1; i > 0; i--) {
            out[i - 1] = back[i * L + out[i]];
        }
    }

    float[] transitions() {
        return transitions;
    }

    public void write(OutputStream target) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(FEATURE_VERSION);
        out.writeInt(L);
        // Rows in key order, so that the same weights always give the same bytes.
        long[] keys = rows.keys().toArray();
        Arrays.sort(keys);
        out.writeInt(keys.length);
        for (long k : keys) {
            int r = rows.get(k);
            out.writeLong(k);
            for (int l = 0; l < L; l++) {
                out.writeFloat(weights[r * L + l]);
            }
        }
        for (float t : transitions) {
            out.writeFloat(t);
        }
        out.flush();
        byte[] payload = bytes.toByteArray();
        GZIPOutputStream gz = new GZIPOutputStream(target);
        gz.write(payload);
        gz.write(sha256(payload, payload.length));
        gz.finish();
    }

    public static LinearChainModel read(InputStream source, String where) throws IOException {
        byte[] all = new GZIPInputStream(source).readAllBytes();
        String retrain = " Retrain it with: submit/run-local.sh train-ner --help";
        if (all.length < 32 || !Arrays.equals(sha256(all, all.length - 32),
                Arrays.copyOfRange(all, all.length - 32, all.length))) {
            throw new IOException("The tagger model " + where + " is damaged (its SHA-256 does not match)." + retrain);
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 32));
        if (!MAGIC.equals(in.readUTF())) {
            throw new IOException(where + " is not a news-etl tagger model." + retrain);
        }
        int version = in.readInt();
        String features = in.readUTF();
        if (version != FORMAT_VERSION || !FEATURE_VERSION.equals(features)) {
            throw new IOException("The tagger model " + where + " has format " + version + " and features " + features
                    + "; this build reads format " + FORMAT_VERSION + " with features " + FEATURE_VERSION + "."
                    + retrain);
        }
        if (in.readInt() != L) {
            throw new IOException("The tagger model " + where + " has another label set." + retrain);
        }
        int n = in.readInt();
        LongIntHashMap rows = new LongIntHashMap(n);
        float[] weights = new float[n * L];
        ByteBuffer buf = ByteBuffer.wrap(all, all.length - 32 - in.available(), in.available());
        for (int r = 0; r < n; r++) {
            rows.put(buf.getLong(), r);
            for (int l = 0; l < L; l++) {
                weights[r * L + l] = buf.getFloat();
            }
        }
        float[] transitions = new float[(L + 1) * L];
        for (int i = 0; i < transitions.length; i++) {
            transitions[i] = buf.getFloat();
        }
        return new LinearChainModel(rows, weights, transitions);
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(data, 0, length);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
