package io.newsetl.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * One input document as it flows through the stages after ingest. Parse fills the header fields and
 * {@code paragraphs}; dedup replaces {@code paragraphs} by the kept ones and fills the hashes and counts. A document
 * with a {@code rejectReason} goes to {@code rejects}, every other one to {@code articles} (or {@code duplicates}).
 * Field names map to the snake_case columns of the tables (see {@code io.newsetl.output.TableSchemas}).
 */
@Data
@NoArgsConstructor
public class Document implements Serializable {
    // lineage
    private String documentId;
    private String sourcePath;
    private long sizeBytes;
    private String contentHash;
    private boolean gzip;
    private String encoding;
    private Double encodingConfidence;
    private String runId;
    private LocalDate runDate;
    // header
    private String format;
    private String headerVariant;
    private String title;
    private String program;
    private String section;
    private Instant publishedAt;
    private Instant modifiedAt;
    private String datePrefix;
    private LocalDate pubDate;
    private String pubDateSource;
    private String language;
    // body
    private List<String> paragraphs;
    private List<String> paragraphHashes;
    private String body;
    private int bodyChars;
    private int paragraphsRaw;
    private int paragraphsKept;
    private int repeatsRemoved;
    private int chromeLines;
    private int headerBlocksInBody;
    private String normalization;
    /** XXH3-128 of the kept paragraphs' hashes in order: equal bodies, equal hash (exact duplicates). */
    private String bodyHash;
    /** Characters of each kept paragraph, aligned with paragraphHashes (containment is weighted by them). */
    private List<Integer> paragraphChars;
    private int boilerplateRemoved;
    /** Transient between dedup steps: hashes of this article's boilerplate paragraphs. */
    private List<String> boilerplateHashes;
    // corpus-wide dedup
    /** Lower wins when two copies of a story were published at the same instant (dedup.source-priority). */
    private int sourcePriority;
    /** More paragraphs than dedup.max-paragraphs: only the first ones entered the near-duplicate comparison. */
    private boolean dedupTruncated;
    /** Sort key of the canonical order: published_at (nulls last), source priority, id. */
    private String canonicalKey;
    private String duplicateOf;
    private String duplicateKind;
    private Double containedShare;
    // reject
    private String rejectReason;
    private String rejectMessage;
    private byte[] raw;
    private boolean rawTruncated;

    public boolean isRejected() {
        return rejectReason != null;
    }
}
