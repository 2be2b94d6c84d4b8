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

    /** The partition date and where it came from. */
    public record PubDate(LocalDate date, String source) {
    }

    /**
     * The {@code pub_date} partition: the published stamp's date in {@code zone}, else a full {@code date} prefix,
     * else the run date (a month-only prefix is not a date).
     */
    public PubDate pubDate(ZoneId zone, LocalDate runDate) {
        if (publishedAt != null) {
            return new PubDate(publishedAt.atZone(zone).toLocalDate(), "published");
        }
        if (datePrefix != null && datePrefix.length() == 10) {
            try {
                return new PubDate(LocalDate.parse(datePrefix), "date_prefix");
            } catch (java.time.format.DateTimeParseException e) {
                // An impossible prefix such as 2018-13-45 falls through to the run date.
            }
        }
        return new PubDate(runDate, "run_date");
    }
}
