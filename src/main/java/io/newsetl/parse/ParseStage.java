package io.newsetl.parse;

import io.newsetl.ingest.RawDocument;
import io.newsetl.model.Document;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;

/**
 * Parses every read document ({@link DocumentParser}); the parser is serialised once per task and its compiled
 * patterns are built lazily on the executor.
 *
 * <pre>{@code
 * Dataset<Document> docs = ParseStage.parse(raw, new DocumentParser(cfg.parse().detector(), zone, runDate, runId));
 * }</pre>
 */
public final class ParseStage {

    private ParseStage() {
    }

    public static Dataset<Document> parse(Dataset<RawDocument> raw, DocumentParser parser) {
        return raw.map((MapFunction<RawDocument, Document>) parser::parse, Encoders.bean(Document.class));
    }
}
