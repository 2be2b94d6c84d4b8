package io.newsetl.output;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.util.ArrayList;
import java.util.List;

/**
 * The declared schemas of every table the job writes. The README's "Tables" section is checked against these by
 * a test, so the documentation cannot drift from the code.
 */
public final class TableSchemas {

    private TableSchemas() {
    }

    private static List<Column> lineage(String idName) {
        return List.of(
                new Column(idName, "documentId", StringType,
                        "Stable id: XXH3-128 (hex) of source_path and content_hash; the same file gives the same id in every run"),
                new Column("source_path", "sourcePath", StringType, "Path of the input file as listed (file:/..., hdfs://...)"),
                new Column("size_bytes", "sizeBytes", LongType, "Size of the input file on storage, in bytes"),
                new Column("content_hash", "contentHash", StringType,
                        "XXH3-128 (hex) of the stored bytes; null when the file could not be read whole"),
                new Column("gzip", "gzip", BooleanType, "True when the file was gzip-compressed"),
                new Column("encoding", "encoding", StringType,
                        "Charset the text was decoded with: US-ASCII, UTF-8, UTF-8 (BOM), EUC-KR, CP949, windows-1252, ..., or mixed (UTF-8, EUC-KR, ...) for a file decoded line by line"),
                new Column("encoding_confidence", "encodingConfidence", DoubleType,
                        "Share (0-1) of the non-ASCII characters whose decoding the bytes confirm; below ingest.min-encoding-confidence the file is rejected; null when not decoded"),
                new Column("run_id", "runId", StringType, "Run that wrote the row: r<run date>-<config hash>"));
    }

    /** Columns of an article, shared by {@code articles} and {@code duplicates} (nothing of a duplicate is lost). */
    private static List<Column> articleColumns(String idName) {
        return concat(lineage(idName), List.of(
                    new Column("run_date", "runDate", DateType, "Night of the run that wrote the row"),
                    new Column("format", "format", StringType, "Source layout that parsed the file: kbs, bbc or plain"),
                    new Column("header_variant", "headerVariant", StringType,
                            "Header layout recognised (one_line, multi_line, iso_stamps, split_stamps, kbs_world, month_only, no_title, title_only, headline, unknown)"),
                    new Column("title", "title", StringType, "Headline; null when the page has none"),
                    new Column("program", "program", StringType, "Broadcast program, e.g. News Today; null when absent"),
                    new Column("section", "section", StringType,
                            "Section from the source path by parse.sections (bbc/business/001.txt: business), lower case; null when no rule matches"),
                    new Column("published_at", "publishedAt", TimestampType,
                            "Published stamp (입력 / Write), a UTC instant converted from Korea time"),
                    new Column("modified_at", "modifiedAt", TimestampType,
                            "Modified stamp (수정 / Update), a UTC instant converted from Korea time"),
                    new Column("date_prefix", "datePrefix", StringType,
                            "The crawl's ' date YYYY-MM-DD' (or YYYY-MM) prefix as written; null when absent"),
                    new Column("pub_date_source", "pubDateSource", StringType,
                            "Where pub_date came from: published (stamp, Korea date), date_prefix, run_date (no date in the file), or out_of_range (a stamp or prefix outside parse.min-date to run date + parse.max-days-after-run was dropped; the date is the fallback)"),
                    new Column("language", "language", StringType, "ko, en or und (by script share and function words)"),
                    new Column("body", "body", StringType,
                            "Kept paragraphs joined by a blank line (page chrome, header blocks, repeats and boilerplate removed)"),
                    new Column("paragraph_hashes", "paragraphHashes", createArrayType(StringType),
                            "XXH3-128 (hex) of each paragraph in body, after normalisation, in body order"),
                    new Column("body_hash", "bodyHash", StringType,
                            "XXH3-128 (hex) of the paragraph hashes before boilerplate removal: equal bodies, equal hash"),
                    new Column("body_chars", "bodyChars", IntegerType, "Length of body in characters"),
                    new Column("paragraphs_raw", "paragraphsRaw", IntegerType, "Body paragraphs before removing repeats"),
                    new Column("paragraphs_kept", "paragraphsKept", IntegerType, "Paragraphs in body"),
                    new Column("repeats_removed", "repeatsRemoved", IntegerType,
                            "Paragraphs dropped because they repeat an earlier paragraph of the same article"),
                    new Column("boilerplate_removed", "boilerplateRemoved", IntegerType,
                            "Boilerplate paragraphs (found in many distinct articles) removed from body"),
                    new Column("chrome_lines", "chromeLines", IntegerType, "Page-chrome and stray footer lines removed"),
                    new Column("header_blocks_in_body", "headerBlocksInBody", IntegerType,
                            "Repeated header lines (title, stamps) removed from inside the body"),
                    new Column("normalization", "normalization", StringType,
                            "Version of the paragraph normalisation behind paragraph_hashes (n1)"),
                    new Column("source_priority", "sourcePriority", IntegerType,
                            "Priority of the source path (dedup.source-priority; lower is kept first)"),
                    new Column("dedup_truncated", "dedupTruncated", BooleanType,
                            "True when only the first dedup.max-paragraphs paragraphs were compared for near duplicates")));
    }

    private static final Column PUB_DATE =
            new Column("pub_date", "pubDate", DateType, "Partition: publication date (Korea time), see pub_date_source");

    public static final TableSchema ARTICLES = new TableSchema("articles", "pub_date", List.of("article_id"),
            concat(articleColumns("article_id"), List.of(
                    new Column("entity_count", "entityCount", LongType,
                            "Entity mentions in body (rows of entities); 0 when entities.enabled = false"),
                    new Column("persons", "persons", createArrayType(StringType),
                            "Distinct canonical (resolved) names of the PER mentions, sorted"),
                    new Column("organizations", "organizations", createArrayType(StringType),
                            "Distinct canonical names of the ORG mentions, sorted"),
                    new Column("locations", "locations", createArrayType(StringType),
                            "Distinct canonical names of the LOC mentions, sorted"),
                    new Column("misc_entities", "miscEntities", createArrayType(StringType),
                            "Distinct canonical names of the MISC mentions, sorted"),
                    new Column("entities_truncated", "entitiesTruncated", BooleanType,
                            "True when the tagger read only part of body (entities.max-paragraph-chars, entities.max-document-chars)"),
                    PUB_DATE)));

    public static final TableSchema ENTITIES = new TableSchema("entities", "pub_date",
            List.of("article_id", "start_char"), List.of(
            new Column("article_id", "articleId", StringType, "The article (articles.article_id) the mention is in"),
            new Column("paragraph_index", "paragraphIndex", IntegerType, "0-based paragraph of body holding the mention"),
            new Column("start_char", "startChar", IntegerType,
                    "Offset of the first character in articles.body (0-based, UTF-16 code units as in Java and Spark)"),
            new Column("end_char", "endChar", IntegerType, "Offset just past the last character in articles.body"),
            new Column("text", "text", StringType, "The mention as written: substring(body, start_char + 1, end_char - start_char)"),
            new Column("type", "type", StringType, "PER, ORG, LOC or MISC"),
            new Column("canonical", "canonical", StringType,
                    "Resolved name, the one to count: the fullest form of the name in the article (Blair -> Tony Blair), "
                    + "the gazetteer's for a listed alias (Trump -> Donald Trump), an editor's alias last"),
            new Column("title", "title", StringType,
                    "Title written before a PER mention, outside its span (Mr, Dr., Prime Minister); null otherwise"),
            new Column("source", "source", StringType,
                    "What found it: model, gazetteer, model+gazetteer (both, same span), nori, nori+gazetteer (Korean)"),
            new Column("score", "score", DoubleType,
                    "Model confidence in [0, 1] (lowest local label probability of its tokens); null when the model did not find it"),
            new Column("run_id", "runId", StringType, "Run that wrote the row"),
            new Column("run_date", "runDate", DateType, "Night of the run that wrote the row"),
            new Column("pub_date", "pubDate", DateType, "Partition: the article's pub_date")));

    public static final TableSchema NAMES = new TableSchema("names", "pub_date", List.of("canonical", "type"), List.of(
            new Column("canonical", "canonical", StringType, "Resolved name, as in entities.canonical"),
            new Column("type", "type", StringType, "PER, ORG, LOC or MISC"),
            new Column("variants", "variants", createMapType(StringType, LongType),
                    "Written forms of the name (entities.text) and their mentions, in this night's articles of this pub_date"),
            new Column("mentions", "mentions", LongType, "Mentions of the name in this night's articles of this pub_date"),
            new Column("articles", "articles", LongType,
                    "Articles naming it among this night's of this pub_date (an article is in one night only: sums count each once)"),
            new Column("run_id", "runId", StringType, "Run that wrote the row"),
            new Column("run_date", "runDate", DateType, "Night of the run that wrote the row"),
            new Column("pub_date", "pubDate", DateType, "Partition: the pub_date of the articles counted")));

    public static final TableSchema DUPLICATES = new TableSchema("duplicates", "pub_date", List.of("duplicate_id"),
            concat(articleColumns("duplicate_id"), List.of(
                    new Column("duplicate_of", "duplicateOf", StringType,
                            "article_id of the canonical (kept) article, tonight's or an earlier night's"),
                    new Column("duplicate_kind", "duplicateKind", StringType,
                            "exact (same body_hash) or near (contained_share >= dedup.near-share)"),
                    new Column("contained_share", "containedShare", DoubleType,
                            "Share of this article's non-boilerplate characters found in the canonical one (1.0 for exact)"),
                    PUB_DATE)));

    public static final TableSchema PARAGRAPH_INDEX = new TableSchema("paragraph_index", "run_date",
            List.of("paragraph_hash"), List.of(
            new Column("paragraph_hash", "paragraph_hash", StringType, "XXH3-128 (hex) of the normalised paragraph"),
            new Column("canonical_article_id", "canonical_article_id", StringType,
                    "The canonical article that first carried it this night (first in the canonical order)"),
            new Column("articles", "articles", LongType, "Articles of this night carrying it, duplicates included"),
            new Column("distinct_bodies", "distinct_bodies", LongType, "Distinct bodies (body_hash) of this night carrying it"),
            new Column("distinct_bodies_total", "distinct_bodies_total", LongType,
                    "Distinct bodies carrying it in this night and in every other night committed when this run ran"),
            new Column("is_boilerplate", "is_boilerplate", BooleanType,
                    "distinct_bodies_total >= dedup.boilerplate-min-bodies"),
            new Column("run_date", "run_date", DateType,
                    "Partition: the night of this row; a paragraph's first sighting is its smallest run_date")));

    /**
     * Dedup's lookup keys of committed nights, laid out so that a night reads compact binary keys rather than the
     * committed articles' arrays: partitioned by kind, each file sorted by hash, in pages of at most
     * {@value #DEDUP_KEYS_PAGE_ROWS} rows (a page's min and max, in the file's column index, then span a thin slice
     * of the hashes, and a lookup of a few thousand keys reads a few thousand pages, not the whole table), with a
     * Bloom filter on {@code hash_hi} per row group (which tells a lookup which of tonight's keys a file may hold
     * without reading its keys), uncompressed whatever {@code write.compression} says (random hashes do not compress:
     * zstd saved under 1% here, and cost a decompression per page a lookup reads). A row is two columns a lookup
     * reads, the key and its packed {@code entry} ({@link io.newsetl.dedup.KeyEntry}), and the night. Internal
     * to dedup (analysts read paragraph_index); folded together by {@code compact} like every table.
     */
    public static final int DEDUP_KEYS_PAGE_ROWS = 250;
    /**
     * Row groups of {@code dedup_keys} are kept this small (bytes) so that each holds at most about
     * {@value #DEDUP_KEYS_ROW_GROUP_KEYS} keys (a row is 32 bytes or more: 8 of hash_hi, 4 of length and 16 or more of
     * entry, 4 of run_date): the size each row group's Bloom filter on {@code hash_hi} is built for, at a false
     * positive rate of 0.1% (1 MB a row group; a file of fewer rows, such as a night's, gets a filter sized for its
     * rows, see {@code TableWriter.sortedWriter}).
     */
    public static final int DEDUP_KEYS_ROW_GROUP_BYTES = 16 << 20;
    public static final int DEDUP_KEYS_ROW_GROUP_KEYS = DEDUP_KEYS_ROW_GROUP_BYTES / 32;

    public static final TableSchema DEDUP_KEYS = new TableSchema("dedup_keys", "kind", List.of("hash_hi", "entry"),
            List.of(
            new Column("hash_hi", "hash_hi", LongType,
                    "First 64 bits of a body_hash (kind body) or of a paragraph hash (kinds carrier, paragraph), as a signed long"),
            new Column("entry", "entry", BinaryType,
                    "The rest of the row, big-endian: the hash's last 64 bits, then the article_id's two halves (kind body, 24 bytes), or those and the paragraph's 0-based position as 4 bytes (carrier, 28 bytes), or paragraph_index.distinct_bodies (paragraph, 16 bytes)"),
            new Column("run_date", "run_date", DateType, "Night of the run that wrote the row"),
            new Column("kind", "kind", StringType,
                    "Partition: body (one row per committed article), carrier (one per paragraph of a committed article) or paragraph (one per paragraph_index row)")),
            java.util.Map.of("compression", "uncompressed",
                    "parquet.page.row.count.limit", String.valueOf(DEDUP_KEYS_PAGE_ROWS),
                    "parquet.block.size", String.valueOf(DEDUP_KEYS_ROW_GROUP_BYTES),
                    "parquet.bloom.filter.enabled#hash_hi", "true",
                    "parquet.bloom.filter.expected.ndv#hash_hi", String.valueOf(DEDUP_KEYS_ROW_GROUP_KEYS),
                    "parquet.bloom.filter.fpp#hash_hi", "0.001",
                    "parquet.bloom.filter.max.bytes", String.valueOf(4 << 20)));

    public static final TableSchema REJECTS = new TableSchema("rejects", "run_date", List.of("document_id"),
            concat(lineage("document_id"), List.of(
                    new Column("reason", "rejectReason", StringType,
                            "Reason code: EMPTY, BLANK, BINARY, UNDECODABLE, TOO_LARGE, GZIP_BOMB, GZIP_CORRUPT, UNREADABLE, NO_BODY"),
                    new Column("message", "rejectMessage", StringType, "What is wrong with the file, for a person"),
                    new Column("raw", "raw", BinaryType, "The stored bytes, cut at ingest.reject-raw-cap-bytes"),
                    new Column("raw_truncated", "rawTruncated", BooleanType, "True when raw was cut at the cap"),
                    new Column("format", "format", StringType, "Source layout, when parsing got that far (NO_BODY)"),
                    new Column("header_variant", "headerVariant", StringType, "Header layout, when parsing got that far"),
                    new Column("title", "title", StringType, "Headline, when parsing got that far"),
                    new Column("run_date", "runDate", DateType, "Partition: night of the run that rejected the file"))));

    public static final TableSchema RUNS = new TableSchema("runs", null, List.of("run_date"), List.of(
            new Column("run_id", "runId", StringType, "r<run date>-<first 8 hex of config_hash>"),
            new Column("run_date", "runDate", DateType, "The night this run stands for"),
            new Column("started_at", "startedAt", TimestampType, "When the run started (UTC)"),
            new Column("finished_at", "finishedAt", TimestampType, "When the run wrote this row (UTC)"),
            new Column("status", "status", StringType,
                    "SUCCEEDED; BALANCE_FAILED or FAILED (then no other table of this run was committed)"),
            new Column("error", "error", StringType, "What failed, for FAILED and BALANCE_FAILED runs"),
            new Column("input", "input", StringType, "Input location as resolved for this night"),
            new Column("input_files", "inputFiles", LongType, "Files listed"),
            new Column("input_bytes", "inputBytes", LongType, "Bytes listed"),
            new Column("articles", "articles", LongType, "Rows written to articles"),
            new Column("duplicates", "duplicates", LongType, "Rows written to duplicates"),
            new Column("exact_duplicates", "exactDuplicates", LongType, "Duplicates of kind exact"),
            new Column("near_duplicates", "nearDuplicates", LongType, "Duplicates of kind near"),
            new Column("rejects", "rejects", LongType, "Rows written to rejects"),
            new Column("entities", "entities", LongType, "Rows written to entities (mentions in tonight's articles)"),
            new Column("boilerplate_paragraphs", "boilerplateParagraphs", LongType,
                    "Distinct paragraphs of this night marked boilerplate"),
            new Column("balance_ok", "balanceOk", BooleanType, "input_files = articles + duplicates + rejects"),
            new Column("stage_seconds", "stageSeconds", createMapType(StringType, DoubleType),
                    "Wall seconds per stage: list, read_parse, dedup, entities, write, check, commit"),
            new Column("listing_warnings", "listingWarnings", createArrayType(StringType),
                    "What the input listing skipped (symbolic-link loops, special files)"),
            new Column("code_version", "codeVersion", StringType, "news-etl version that ran"),
            new Column("config_hash", "configHash", StringType, "XXH3-128 of the input and effective config"),
            new Column("stats_status", "statsStatus", StringType,
                    "The statistics step after the commit: SUCCEEDED, DISABLED, FAILED: <why> (the night stays committed), or PENDING if the run ended before recording it"),
            new Column("catalog_status", "catalogStatus", StringType,
                    "The catalog registration after the statistics: SUCCEEDED: <tables, partitions added>, DISABLED, SKIPPED: <why>, FAILED: <why> (the night stays committed), or PENDING")));

    public static List<TableSchema> all() {
        return List.of(ARTICLES, DUPLICATES, REJECTS, PARAGRAPH_INDEX, DEDUP_KEYS, ENTITIES, NAMES, RUNS);
    }

    private static List<Column> concat(List<Column> a, List<Column> b) {
        List<Column> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
