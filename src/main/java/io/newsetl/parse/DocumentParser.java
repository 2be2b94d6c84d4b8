package io.newsetl.parse;

import io.newsetl.ingest.RawDocument;
import io.newsetl.ingest.RejectReason;
import io.newsetl.model.ContentHasher;
import io.newsetl.model.Document;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Turns a read {@link RawDocument} into a {@link Document}: stable id and lineage, source format, header fields,
 * partition date, language and body paragraphs. A document without body paragraphs becomes a {@code NO_BODY}
 * reject; rejects from ingest pass through with their reason.
 *
 * <pre>{@code
 * DocumentParser parser = new DocumentParser(detector, ZoneId.of("Asia/Seoul"), LocalDate.parse("2018-05-30"),
 *         "r20180530-1a2b3c4d", DateWindow.defaults(), new SectionRules(List.of()));
 * Document d = parser.parse(raw);  // d.getTitle() == "Back on Track", d.getPubDate() == 2018-05-29
 * }</pre>
 */
public final class DocumentParser implements Serializable {

    private final FormatDetector detector;
    private final ZoneId zone;
    private final LocalDate runDate;
    private final String runId;
    private final DateWindow dates;
    private final SectionRules sections;

    public DocumentParser(FormatDetector detector, ZoneId zone, LocalDate runDate, String runId, DateWindow dates,
            SectionRules sections) {
        this.sections = sections;
        this.detector = detector;
        this.zone = zone;
        this.runDate = runDate;
        this.runId = runId;
        this.dates = dates;
    }

    /**
     * The id of a document: XXH3-128 of its path and content hash. Stable across runs over the same files, and
     * distinct for byte-identical copies under two paths (one of them becomes a duplicate pointing at the other).
     */
    public static String documentId(String sourcePath, String contentHash) {
        String key = sourcePath + '\n' + (contentHash == null ? "" : contentHash);
        return ContentHasher.hashBytes(key.getBytes(StandardCharsets.UTF_8)).hex();
    }

    public Document parse(RawDocument raw) {
        Document d = new Document();
        d.setDocumentId(documentId(raw.getSourcePath(), raw.getContentHash()));
        d.setSourcePath(raw.getSourcePath());
        d.setSizeBytes(raw.getSizeBytes());
        d.setContentHash(raw.getContentHash());
        d.setGzip(raw.isGzip());
        d.setEncoding(raw.getEncoding());
        d.setEncodingConfidence(raw.getEncodingConfidence());
        d.setRunId(runId);
        d.setRunDate(runDate);
        if (raw.getRejectReason() != null) {
            d.setRejectReason(raw.getRejectReason());
            d.setRejectMessage(raw.getRejectMessage());
            d.setRaw(raw.getRaw());
            d.setRawTruncated(raw.isRawTruncated());
            return d;
        }
        SourceParser parser = detector.parserFor(raw.getSourcePath(), raw.getText());
        ParsedArticle a = parser.parse(raw.getText());
        d.setFormat(a.format());
        d.setHeaderVariant(a.headerVariant());
        d.setTitle(a.title());
        d.setProgram(a.program());
        d.setSection(sections.sectionOf(raw.getSourcePath()));
        d.setDatePrefix(a.datePrefix());
        ParsedArticle.PubDate pubDate = a.pubDate(zone, runDate, dates);
        d.setPublishedAt(pubDate.publishedAt());
        d.setModifiedAt(pubDate.modifiedAt());
        d.setPubDate(pubDate.date());
        d.setPubDateSource(pubDate.source());
        d.setParagraphs(a.paragraphs());
        d.setParagraphsRaw(a.paragraphs().size());
        d.setChromeLines(a.chromeLines());
        d.setHeaderBlocksInBody(a.headerBlocksInBody());
        if (a.paragraphs().isEmpty()) {
            d.setRejectReason(RejectReason.NO_BODY.name());
            d.setRejectMessage(RejectReason.NO_BODY.message("layout " + a.format() + "/" + a.headerVariant()
                    + (a.title() == null ? "" : ", title '" + a.title() + "'")));
            d.setRaw(raw.getRaw());
            d.setRawTruncated(raw.isRawTruncated());
            return d;
        }
        d.setLanguage(LanguageDetector.detect(a.paragraphs()));
        return d;
    }
}
