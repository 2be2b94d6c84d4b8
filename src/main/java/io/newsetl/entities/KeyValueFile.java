package io.newsetl.entities;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model's side files: UTF-8 lines {@code key<TAB>value}, written sorted by key (the same map gives the same
 * bytes); the last tab splits, so a key may hold spaces.
 *
 * <pre>{@code
 * KeyValueFile.write(Map.of("Bayer Leverkusen", "ORG"), System.out);   // "Bayer Leverkusen\tORG\n"
 * }</pre>
 */
final class KeyValueFile {

    private KeyValueFile() {
    }

    static Map<String, String> read(InputStream in) {
        Map<String, String> m = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0) {
                    m.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static void write(Map<String, String> m, OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(m).forEach((k, v) -> b.append(k).append('\t').append(v).append('\n'));
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
