package io.newsetl.entities;

import java.io.Serializable;
import java.time.LocalDate;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * One row of the {@code entities} table: a mention in an article's body.
 * A class rather than a record: Spark's bean encoder needs setters.
 */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class EntityMention implements Serializable {
    private String articleId;
    private int paragraphIndex;
    private int startChar;
    private int endChar;
    private String text;
    private String type;
    private String canonical;
    private String title;
    private String source;
    private Double score;
    private String runId;
    private LocalDate runDate;
    private LocalDate pubDate;
}
