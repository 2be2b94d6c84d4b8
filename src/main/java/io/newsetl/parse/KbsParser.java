package io.newsetl.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses KBS English news pages as a web crawl stored them. Header variants (codes stored in
 * {@code articles.header_variant}; the numbers are those of the shared data README):
 * <ul>
 *   <li>{@code one_line} (1): {@code " date 2018-05-29 Back on Track News Today 입력 2018.05.29 (15:02) 수정 2018.05.29 (15:26)"};</li>
 *   <li>{@code one_line_no_date} (2): the same without the {@code date} prefix;</li>
 *   <li>{@code multi_line} / {@code multi_line_no_date} (3): {@code " date 2021-02-15 기사 본문 영역"}, blank, title line,
 *       {@code "입력 ... 수정 ... News Today"} (program after the stamps);</li>
 *   <li>{@code iso_stamps} (4): {@code 입력 2021-01-27 15:06:20 수정 2021-01-27 16:46:11} in any of the layouts above;</li>
 *   <li>{@code split_stamps} (5): 입력 and 수정 on separate lines;</li>
 *   <li>{@code month_only} (6): {@code " date 2019-07 ..."}, no title, no stamps; the rest of the line is body;</li>
 *   <li>{@code kbs_world} (7): title line then {@code Write : 2018-05-28 08:42:11 Update : 2018-05-28 11:24:56};</li>
 *   <li>{@code no_title} (8): {@code " date 2020-02-20 기사 본문 영역"} then the body;</li>
 *   <li>{@code title_only}: a full {@code date} prefix followed by a headline and no stamps (other crawled sites).</li>
 * </ul>
 * Page chrome (9) is removed anywhere in the page, and a second header block inside the body (10: the title line,
 * the stamps line, a lone program line) is removed too. Every non-blank body line is a paragraph: KBS separates
 * paragraphs by one to four newlines. Stamps are Korea time ({@link KbsRules#zone()}) and stored as instants.
 */
public final class KbsParser implements SourceParser {

    private static final Pattern DATE_PREFIX =
            Pattern.compile("^date\\s+(\\d{4}-\\d{2}(?:-\\d{2})?)(?=\\s|$)\\s*(.*)$", Pattern.DOTALL);
    /** 입력/수정 (published/modified) and KBS WORLD's Write/Update stamps, dotted or ISO, with or without seconds. */
    private static final Pattern STAMP = Pattern.compile(
            "(입력|수정|Write\\s*:|Update\\s*:)\\s*(\\d{4})[.-](\\d{1,2})[.-](\\d{1,2})\\.?\\s*\\(?\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*\\)?");
    /** How many non-blank lines from the top may hold the header before the stamps. */
    private static final int HEADER_WINDOW = 4;
    private static final int MAX_CHROME_CHARS = 120;

    private final KbsRules rules;
    private final List<Pattern> chrome;

    public KbsParser(KbsRules rules) {
        this.rules = rules;
        this.chrome = rules.chromePatterns().stream().map(Pattern::compile).toList();
    }

    @Override
    public String name() {
        return "kbs";
    }

    @Override
    public boolean recognises(String text) {
        List<String> lines = Paragraphs.lines(text);
        int seen = 0;
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if ((seen == 0 && DATE_PREFIX.matcher(t).matches()) || (mayHoldStamp(t) && STAMP.matcher(t).find()) || isChrome(t)
                    || isLabel(t)) {
                return true;
            }
            if (++seen >= 8) {
                return false;
            }
        }
        return false;
    }

    /** Stamps found on one line, and the text before the first and after the last. */
    private record Stamps(Instant published, Instant modified, boolean hasPublished, boolean hasModified,
            boolean iso, boolean world, String before, String after) {
        boolean any() {
            return hasPublished || hasModified;
        }
    }

    @Override
    public ParsedArticle parse(String text) {
        List<String> all = Paragraphs.lines(text);
        List<String> lines = new ArrayList<>(all.size());
        int chromeLines = 0;
        for (String line : all) {
            if (isChrome(line.strip())) {
                chromeLines++;
            } else {
                lines.add(line);
            }
        }

        Header h = new Header();
        int first = Paragraphs.firstNonBlank(lines, 0);
        if (first < 0) {
            return new ParsedArticle(name(), "unknown", null, null, null, null, null, List.of(), chromeLines, 0);
        }
        String line0 = lines.get(first).strip();
        Matcher dm = DATE_PREFIX.matcher(line0);
        boolean hasPrefix = dm.matches();
        h.datePrefix = hasPrefix ? dm.group(1) : null;
        String rest = hasPrefix ? dm.group(2).strip() : line0;

        // Non-blank lines at the top, the first one without its date prefix.
        List<Integer> window = new ArrayList<>();
        for (int i = first; i < lines.size() && window.size() < HEADER_WINDOW; i++) {
            if (!lines.get(i).isBlank()) {
                window.add(i);
            }
        }
        int stampAt = -1;
        for (int k = 0; k < window.size(); k++) {
            String t = k == 0 ? rest : lines.get(window.get(k)).strip();
            if (mayHoldStamp(t) && STAMP.matcher(t).find()) {
                stampAt = k;
                break;
            }
        }
        List<String> leadingBody = new ArrayList<>();
        int headerEnd;
        if (stampAt >= 0 && titleCandidates(window, stampAt, rest, lines) <= 1) {
            String title = null;
            for (int k = stampAt - 1; k >= 0 && title == null; k--) {
                String t = k == 0 ? rest : lines.get(window.get(k)).strip();
                if (!t.isEmpty() && !isLabel(t)) {
                    title = t;
                }
            }
            String stampLine = stampAt == 0 ? rest : lines.get(window.get(stampAt)).strip();
            Stamps s = stamps(stampLine);
            headerEnd = window.get(stampAt);
            boolean split = false;
            // 수정 (or Update) on the next line: the split-stamps variant.
            int next = Paragraphs.firstNonBlank(lines, headerEnd + 1);
            if (next >= 0 && s.hasPublished() && !s.hasModified()) {
                Stamps more = stamps(lines.get(next).strip());
                if (more.hasModified() && !more.hasPublished() && more.before().isEmpty()) {
                    s = new Stamps(s.published(), more.modified(), true, true, s.iso() || more.iso(), s.world(),
                            s.before(), more.after());
                    headerEnd = next;
                    split = true;
                }
            }
            String before = s.before();
            if (title == null) {
                title = before.isEmpty() ? null : before;
            } else if (!before.isEmpty()) {
                title = title + " " + before;
            }
            h.program = programOf(s.after());
            if (title != null && h.program == null) {
                String[] tp = splitTrailingProgram(title);
                title = tp[0];
                h.program = tp[1];
            }
            next = Paragraphs.firstNonBlank(lines, headerEnd + 1);
            if (h.program == null && next >= 0 && programOf(lines.get(next).strip()) != null) {
                h.program = programOf(lines.get(next).strip());
                headerEnd = next;
            }
            h.title = title == null || title.isEmpty() ? null : title;
            h.published = s.published();
            h.modified = s.modified();
            h.variant = s.world() ? "kbs_world"
                    : s.iso() ? "iso_stamps"
                    : split ? "split_stamps"
                    : stampAt == 0 ? (hasPrefix ? "one_line" : "one_line_no_date")
                    : hasPrefix ? "multi_line" : "multi_line_no_date";
        } else if (hasPrefix) {
            headerEnd = first;
            if (rest.isEmpty() || isLabel(rest)) {
                h.variant = "no_title";
            } else if (h.datePrefix.length() == 7) {
                h.variant = "month_only";
                leadingBody.add(rest);
            } else {
                h.variant = "title_only";
                h.title = rest;
            }
        } else {
            headerEnd = first - 1;
            h.variant = "unknown";
        }

        List<String> paragraphs = new ArrayList<>(leadingBody);
        int headerLinesInBody = 0;
        String titleKey = h.title == null ? null : key(h.title);
        for (int i = headerEnd + 1; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty()) {
                continue;
            }
            if (programOf(t) != null || isLabel(t)) {
                chromeLines++;
            } else if (isStampOnly(t)) {
                headerLinesInBody++;
            } else if (titleKey != null && t.length() < titleKey.length() * 2 + 8 && key(t).equals(titleKey)) {
                headerLinesInBody++;
            } else {
                paragraphs.add(t);
            }
        }
        return new ParsedArticle(name(), h.variant, h.title, h.program, h.published, h.modified, h.datePrefix,
                List.copyOf(paragraphs), chromeLines, headerLinesInBody);
    }

    private static final class Header {
        String variant;
        String title;
        String program;
        Instant published;
        Instant modified;
        String datePrefix;
    }

    /** Lines above the stamps that could be the title; more than one means the stamps belong to the body. */
    private int titleCandidates(List<Integer> window, int stampAt, String rest, List<String> lines) {
        int n = 0;
        for (int k = 0; k < stampAt; k++) {
            String t = k == 0 ? rest : lines.get(window.get(k)).strip();
            if (!t.isEmpty() && !isLabel(t)) {
                n++;
            }
        }
        return n;
    }

    private Stamps stamps(String line) {
        Matcher m = STAMP.matcher(line);
        Instant published = null;
        Instant modified = null;
        boolean hasPub = false;
        boolean hasMod = false;
        boolean iso = false;
        boolean world = false;
        int firstStart = -1;
        int lastEnd = 0;
        while (m.find()) {
            if (firstStart < 0) {
                firstStart = m.start();
            }
            lastEnd = m.end();
            String kind = m.group(1);
            Instant at = instant(m);
            iso |= m.group(0).contains("-");
            if (kind.startsWith("입력") || kind.startsWith("Write")) {
                hasPub = true;
                published = at;
                world |= kind.startsWith("Write");
            } else {
                hasMod = true;
                modified = at;
            }
        }
        String before = firstStart < 0 ? line : line.substring(0, firstStart).strip();
        String after = firstStart < 0 ? "" : line.substring(lastEnd).strip();
        return new Stamps(published, modified, hasPub, hasMod, iso && !world, world, before, after);
    }

    /** The stamp as an instant, or null for an impossible date such as 2018-13-45. */
    private Instant instant(Matcher m) {
        try {
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                    m.group(7) == null ? 0 : Integer.parseInt(m.group(7)));
            return t.atZone(rules.zone()).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private boolean isStampOnly(String line) {
        if (!mayHoldStamp(line)) {
            return false;
        }
        Stamps s = stamps(line);
        return s.any() && s.before().isEmpty() && (s.after().isEmpty() || programOf(s.after()) != null);
    }

    private String programOf(String text) {
        for (String p : rules.programs()) {
            if (text.equalsIgnoreCase(p)) {
                return p;
            }
        }
        return null;
    }

    /** {"Back on Track News Today"} to {"Back on Track", "News Today"}; no known program leaves the title whole. */
    private String[] splitTrailingProgram(String title) {
        String lower = title.toLowerCase(Locale.ROOT);
        for (String p : rules.programs()) {
            String pl = p.toLowerCase(Locale.ROOT);
            if (lower.endsWith(" " + pl) || lower.equals(pl)) {
                return new String[] {title.substring(0, title.length() - p.length()).strip(), p};
            }
        }
        return new String[] {title, null};
    }

    /** Cheap test before the stamp regex: a stamp line names 입력, 수정, Write or Update. */
    private static boolean mayHoldStamp(String line) {
        return line.contains("입력") || line.contains("수정") || line.contains("Write") || line.contains("Update");
    }

    private boolean isChrome(String trimmed) {
        // Chrome lines are short UI labels; a paragraph-length line is never one (and skips the regexes).
        if (trimmed.isEmpty() || trimmed.length() > MAX_CHROME_CHARS) {
            return false;
        }
        for (Pattern p : chrome) {
            if (p.matcher(trimmed).matches()) {
                return true;
            }
        }
        return false;
    }

    private boolean isLabel(String trimmed) {
        return rules.layoutLabels().contains(trimmed);
    }

    /** The line as a title comparison key: trimmed, inner whitespace runs as one space, lower case. */
    private static String key(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }
}
