package io.newsetl.output;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The row of the {@code runs} table for one run (see {@code TableSchemas.RUNS} for the meaning of each field). */
@Data
@NoArgsConstructor
public class RunRecord implements Serializable {
    private String runId;
    private LocalDate runDate;
    private Instant startedAt;
    private Instant finishedAt;
    private String status;
    private String error;
    private String input;
    private long inputFiles;
    private long inputBytes;
    private long articles;
    private long duplicates;
    private long exactDuplicates;
    private long nearDuplicates;
    private long rejects;
    private long entities;
    /** Where the report of the last step went (not a column of runs). */
    private String report;
    private long boilerplateParagraphs;
    private boolean balanceOk;
    private Map<String, Double> stageSeconds;
    private List<String> listingWarnings;
    private String codeVersion;
    private String configHash;
    /** SUCCEEDED, FAILED: <why>, DISABLED, or PENDING while the statistics of a committed night run. */
    private String statsStatus;
    private String catalogStatus;
}
