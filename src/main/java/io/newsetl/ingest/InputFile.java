package io.newsetl.ingest;

import java.io.Serializable;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * A listed input file: its path ({@code file:/abs/path} for local files, the URI otherwise) and size in bytes.
 * A size of -1 marks an entry the listing could not stat; reading it yields an {@code UNREADABLE} reject.
 * A class rather than a record: Spark ships task data with Kryo, which cannot build records.
 */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class InputFile implements Serializable {
    private String path;
    private long size;
}
