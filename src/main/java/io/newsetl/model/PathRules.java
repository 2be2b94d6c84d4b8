package io.newsetl.model;

import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Path glob to value rules from config (format overrides, source priorities): the first glob that matches the path
 * (without its scheme and authority) wins.
 *
 * <pre>{@code
 * new PathRules<>(Map.of("**&#47;bbc/**", "bbc")).match("hdfs://nn:8020/crawl/bbc/a.txt");  // "bbc"
 * }</pre>
 */
public final class PathRules<T extends Serializable> implements Serializable {

    private final LinkedHashMap<String, T> rules;
    private transient List<Map.Entry<PathMatcher, T>> matchers;

    public PathRules(Map<String, T> rules) {
        this.rules = new LinkedHashMap<>(rules);
    }

    /** The value of the first matching glob, or null. */
    public T match(String path) {
        if (matchers == null) {
            List<Map.Entry<PathMatcher, T>> m = new ArrayList<>();
            rules.forEach((glob, v) -> m.add(Map.entry(FileSystems.getDefault().getPathMatcher("glob:" + glob), v)));
            matchers = m;
        }
        if (matchers.isEmpty()) {
            return null;
        }
        Path p = Path.of(stripScheme(path));
        for (Map.Entry<PathMatcher, T> e : matchers) {
            if (e.getKey().matches(p)) {
                return e.getValue();
            }
        }
        return null;
    }

    public static String stripScheme(String path) {
        int colon = path.indexOf(':');
        String p = colon > 0 && colon < 10 && path.indexOf('/') > colon ? path.substring(colon + 1) : path;
        if (p.startsWith("//")) {
            int slash = p.indexOf('/', 2);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        return p;
    }
}
