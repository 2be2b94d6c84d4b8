package io.newsetl.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What a {@link SourceParser} makes of one decoded file: header fields (null when the layout has none) and the body
 * as paragraphs, with page chrome and repeated header blocks already removed.
 *
 * @param format            source format that parsed it: {@code kbs}, {@code bbc} or {@code plain}
 * @param headerVariant     which header layout was recognised, e.g. {@code one_line}; {@code unknown} if none
 * @param datePrefix        the crawl's {@code  date YYYY-MM-DD} (or {@code YYYY-MM}) prefix as written, or null
 * @param chromeLines       page-chrome and stray footer lines removed
 * @param headerBlocksInBody repeated header lines (title, stamps) found and removed inside the body
 */
public record ParsedArticle(
        String format,
        String headerVariant,
        String title,
        String program,
        Instant publishedAt,
        Instant modifiedAt,
        String datePrefix,
        List<String> paragraphs,
        int chromeLines,
        int headerBlocksInBody) {

    /**
     * The partition date and where it came from: {@code published}, {@code date_prefix}, {@code run_date}, or
     * {@code out_of_range} when a stamp or prefix lay outside the {@link DateWindow} (the date is then the fallback
     * a page without that date would get). {@code publishedAt}/{@code modifiedAt} are the stamps kept (null when
     * out of range).
     */
    public record PubDate(LocalDate date, String source, Instant publishedAt, Instant modifiedAt) {
    }

    /** {@link #pubDate(ZoneId, LocalDate, DateWindow)} without bounds. */
    public PubDate pubDate(ZoneId zone, LocalDate runDate) {
        return pubDate(zone, runDate, DateWindow.UNBOUNDED);
    }

    /**
     * The {@code pub_date} partition: the published stamp's date in {@code zone}, else a full {@code date} prefix,
     * else the run date (a month-only prefix is not a date). Stamps and prefixes outside {@code window} are dropped.
     */
    public PubDate pubDate(ZoneId zone, LocalDate runDate, DateWindow window) {
        boolean outOfRange = false;
        Instant published = publishedAt;
        if (!window.contains(published, zone, runDate)) {
            published = null;
            outOfRange = true;
        }
        // A modified stamp out of range is dropped too, but it never decides the date.
        Instant modified = window.contains(modifiedAt, zone, runDate) ? modifiedAt : null;
        LocalDate prefix = null;
        if (datePrefix != null && datePrefix.length() == 10) {
            try {
                prefix = LocalDate.parse(datePrefix);
            } catch (java.time.format.DateTimeParseException e) {
                // An impossible prefix such as 2018-13-45 falls through to the run date.
            }
            if (prefix != null && !window.contains(prefix, runDate)) {
                prefix = null;
                outOfRange = true;
            }
        }
        LocalDate date = published != null ? published.atZone(zone).toLocalDate() : prefix != null ? prefix : runDate;
        String source = outOfRange ? "out_of_range"
                : published != null ? "published" : prefix != null ? "date_prefix" : "run_date";
        return new PubDate(date, source, published, modified);
    }
}
