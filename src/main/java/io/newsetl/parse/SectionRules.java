package io.newsetl.parse;

import io.newsetl.model.ConfigException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The section of an article from its source path ({@code parse.sections}): Java regexes, each with one capturing
 * group, tried in order against the path without its scheme and authority; the first that finds a match gives
 * the section (the group, lower-cased). No match: no section (null).
 *
 * <pre>{@code
 * SectionRules rules = new SectionRules(List.of("/([A-Za-z][A-Za-z&_-]*)/[^/]+$"));
 * rules.sectionOf("file:/data/bbc/business/001.txt");        // "business"
 * rules.sectionOf("hdfs://nn/crawl/2018/05/30/a.txt");       // null: the folder is a date
 * }</pre>
 */
public final class SectionRules implements Serializable {

    private final List<String> regexes;
    private transient List<Pattern> patterns;

    /** @throws ConfigException when a regex does not compile or has no capturing group */
    public SectionRules(List<String> regexes) {
        this.regexes = List.copyOf(regexes);
        compiled();
    }

    public List<String> regexes() {
        return regexes;
    }

    /** The section of {@code path}, or null when no rule matches (or its group matched nothing). */
    public String sectionOf(String path) {
        if (path == null || regexes.isEmpty()) {
            return null;
        }
        String p = io.newsetl.model.PathRules.stripScheme(path);
        for (Pattern pattern : compiled()) {
            Matcher m = pattern.matcher(p);
            if (m.find()) {
                String g = m.group(1);
                return g == null || g.isBlank() ? null : g.strip().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    private List<Pattern> compiled() {
        if (patterns == null) {
            List<Pattern> out = new ArrayList<>();
            for (String r : regexes) {
                Pattern p;
                try {
                    p = Pattern.compile(r);
                } catch (PatternSyntaxException e) {
                    throw new ConfigException("Bad regex in parse.sections: '" + r + "': " + e.getDescription());
                }
                if (p.matcher("").groupCount() < 1) {
                    throw new ConfigException("Bad regex in parse.sections: '" + r + "' has no capturing group; put "
                            + "the part of the path that names the section in parentheses, e.g. \"/news/([a-z]+)/\".");
                }
                out.add(p);
            }
            patterns = out;
        }
        return patterns;
    }
}
