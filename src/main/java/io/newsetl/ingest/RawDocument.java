package io.newsetl.ingest;

import java.io.Serializable;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * One input file after reading and decoding: lineage, decoded text, or the reason it cannot be used.
 * Exactly one of {@code text} and {@code rejectReason} is non-null.
 *
 * <pre>{@literal
 * sourcePath="file:/corpus/2018/05/29/a.txt.gz" sizeBytes=1210 contentHash="9f0c...e1" gzip=true
 * encoding="UTF-8" text=" date 2018-05-29 Back on Track ..." rejectReason=null raw=<first bytes> rawTruncated=false
 * }</pre>
 */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class RawDocument implements Serializable {
    /** Fully qualified path (URI form) of the file as listed. */
    private String sourcePath;
    /** Size of the file on storage, in bytes (compressed size for .gz). */
    private long sizeBytes;
    /** XXH3-128 of the stored bytes, 32 hex digits; null when the file was too large or unreadable. */
    private String contentHash;
    private boolean gzip;
    /** The charset the text was decoded with, e.g. UTF-8, EUC-KR, windows-1252. */
    private String encoding;
    /** Share of the non-ASCII characters whose decoding the bytes confirm (see TextDecoder); null if not decoded. */
    private Double encodingConfidence;
    private String text;
    private String rejectReason;
    private String rejectMessage;
    /** The stored bytes up to the reject cap, kept so that a reject can show what it was given. */
    private byte[] raw;
    private boolean rawTruncated;
}
