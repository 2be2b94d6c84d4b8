package io.newsetl.parse;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The dates a page may plausibly carry: from {@code parse.min-date} to {@code parse.max-days-after-run} days after
 * the run date, both inclusive. A stamp or date prefix outside it is a crawl or typing error (a year 1800, 0001,
 * 2999), never a publication date: it is dropped and {@code pub_date} falls back (source {@code out_of_range}).
 *
 * <pre>{@code
 * DateWindow w = new DateWindow(LocalDate.parse("1900-01-01"), 2);
 * w.contains(LocalDate.parse("1800-01-01"), LocalDate.parse("2019-05-02"));  // false
 * w.contains(LocalDate.parse("2019-05-04"), LocalDate.parse("2019-05-02"));  // true: two days after the run
 * }</pre>
 */
public record DateWindow(LocalDate minDate, int maxDaysAfterRun) implements Serializable {

    /** No bounds (tests of the parsers that do not care about the window). */
    public static final DateWindow UNBOUNDED = new DateWindow(LocalDate.MIN, 365_000_000);

    public static DateWindow defaults() {
        return new DateWindow(LocalDate.of(1900, 1, 1), 2);
    }

    public boolean contains(LocalDate date, LocalDate runDate) {
        return !date.isBefore(minDate) && !date.isAfter(runDate.plusDays(maxDaysAfterRun));
    }

    /** {@code instant} read as a date in {@code zone}; null stays null (nothing to judge). */
    public boolean contains(Instant instant, ZoneId zone, LocalDate runDate) {
        return instant == null || contains(instant.atZone(zone).toLocalDate(), runDate);
    }
}
