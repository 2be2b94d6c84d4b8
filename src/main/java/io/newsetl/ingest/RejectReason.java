package io.newsetl.ingest;

/**
 * Why a document has no usable article. The code is stored in {@code rejects.reason}; the message template in
 * {@code rejects.message} is filled with the specifics of each file.
 */
public enum RejectReason {
    EMPTY("The file is empty (0 bytes)."),
    BLANK("The file holds only whitespace or invisible characters."),
    BINARY("The file is binary, not text: %s."),
    UNDECODABLE("The bytes are not valid text in any supported encoding: %s."),
    TOO_LARGE("The file is larger than the cap: %s."),
    GZIP_BOMB("The gzip file expands beyond the allowed ratio: %s."),
    GZIP_CORRUPT("The file is named or marked as gzip but cannot be decompressed: %s."),
    UNREADABLE("The file could not be read: %s."),
    UNREADABLE_NAME("The file name is not valid in the JVM's file-name encoding (sun.jnu.encoding) and the file "
            + "could not be opened by it: %s."),
    NO_BODY("A header was found but no body text follows it: %s."),
    MIXED_ENCODING("Parts of the file are in different encodings and too little of it decodes with confidence: %s.");

    private final String template;

    RejectReason(String template) {
        this.template = template;
    }

    /** A message a person understands, with the specifics of this file. */
    public String message(Object... details) {
        return details.length == 0 ? template.replace(": %s.", ".") : String.format(template, details);
    }
}
