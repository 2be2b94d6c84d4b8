package io.newsetl.pipeline;

import io.newsetl.config.JobConfig;
import io.newsetl.dedup.CorpusDedup;
import io.newsetl.dedup.HistoryKeys;
import io.newsetl.dedup.RepeatStage;
import io.newsetl.entities.EntityMention;
import io.newsetl.entities.EntityStage;
import io.newsetl.ingest.IngestStage;
import io.newsetl.ingest.InputLister;
import io.newsetl.model.Document;
import io.newsetl.output.NightCommit;
import io.newsetl.output.TableSchema;
import io.newsetl.output.TableSchemas;
import io.newsetl.output.TableWriter;
import io.newsetl.parse.DocumentParser;
import java.sql.Date;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The stages of a night, each a few lines of wiring around its package: read and parse (ingest, parse, repeats),
 * corpus dedup, entities, write, check. What one hands to the next is a record, named after what it holds.
 */
final class NightStages {

    private NightStages() {
    }

    /** The listed input files, and the night's writer. */
    record Listed(InputLister.Listing listing, NightCommit night) {
    }

    /** The night's documents (cached) and dedup's keys of its articles (cached, counted in the read pass). */
    record Parsed(InputLister.Listing listing, NightCommit night, Dataset<Document> docs, Dataset<Row> keys) {
        /** Column predicates, not typed filters: a typed filter would rebuild every Document bean per scan. */
        Dataset<Document> articles() {
            return docs.filter(functions.col("rejectReason").isNull());
        }

        Dataset<Document> rejects() {
            return docs.filter(functions.col("rejectReason").isNotNull());
        }
    }

    /** Every article with its dedup decision, and dedup's result (paragraph_index, boilerplate). */
    record Decided(Parsed parsed, CorpusDedup.Result dedup, Dataset<Document> all) {
    }

    /** The rows of {@code articles}, with their entity summary when the entities stage ran. */
    record Tagged(Decided decided, Dataset<Row> articles, boolean shuffledById) {
    }

    /** List → read → parse → in-article repeats, in one pass that also fills dedup's keys. */
    static final Stage<Listed, Parsed> READ_PARSE = (in, ctx) -> {
        JobConfig cfg = ctx.cfg();
        DocumentParser parser = cfg.parse().documentParser(cfg.runDate(), cfg.runId());
        // Read and parsed in one pass: a file's bytes reach a Spark row only when it is rejected.
        Dataset<Document> parsed = IngestStage.read(ctx.spark(), in.listing().files(), cfg.ingest().targetTaskBytes(),
                cfg.ingest().fileOpenCostBytes(), cfg.ingest().limits(), parser::parse, Encoders.bean(Document.class));
        Dataset<Document> docs = ctx.cache(RepeatStage.removeRepeats(parsed, cfg.dedup(), in.listing().commonRoot()));
        Dataset<Row> keys = CorpusDedup.keys(docs.filter(functions.col("rejectReason").isNull()),
                cfg.dedup().maxParagraphs());
        ctx.onClose(keys::unpersist);
        // One pass over the files fills the documents' cache and dedup's keys (counting the latter).
        ctx.count("rows_in", in.listing().files().size());
        ctx.count("articles", keys.count());
        return new Parsed(in.listing(), in.night(), docs, keys);
    };

    /** Corpus-wide dedup against tonight and every other committed night, by lookup in {@code dedup_keys}. */
    static final Stage<Parsed, Decided> DEDUP = (p, ctx) -> {
        JobConfig cfg = ctx.cfg();
        DedupKeysFill.fill(ctx.spark(), cfg);
        CorpusDedup.History history = cfg.dedup().scanHistory()
                ? HistoryKeys.scan(history(ctx, TableSchemas.ARTICLES, "article_id", "body_hash", "paragraph_hashes"),
                        history(ctx, TableSchemas.PARAGRAPH_INDEX, "paragraph_hash", "distinct_bodies"))
                : HistoryKeys.lookup(TableWriter.files(ctx.spark(), cfg.output(), TableSchemas.DEDUP_KEYS),
                        cfg.runDate(), p.keys(), ctx.counter("read_parse", "articles"));
        ctx.onClose(history.release());
        CorpusDedup.Result dedup = CorpusDedup.dedup(p.articles(), p.keys(), history, cfg.dedup(), cfg.runDate());
        ctx.onClose(dedup::release);
        ctx.count("rows_in", ctx.counter("read_parse", "articles"));
        // Not persisted: the decisions are small and cached inside dedup, so each write assembles its rows from the
        // cached documents more cheaply than a second cache of them would cost.
        return new Decided(p, dedup, dedup.all());
    };

    /** Tags the canonical articles (duplicates carry no text the articles lack) and stages the entities table. */
    static final Stage<Decided, Tagged> ENTITIES = (d, ctx) -> {
        JobConfig cfg = ctx.cfg();
        Dataset<Document> canonical = d.dedup().articles(d.all());
        if (!cfg.entities().enabled()) {
            return new Tagged(d, EntityStage.withoutSummary(canonical), false);
        }
        // Tagging is cached: the links read it five times. The linked mentions are cached too: the entities write,
        // the names table and the summary read them. Once the write has filled that cache, the tagging's is freed.
        Dataset<EntityMention> tagged = ctx.cache(EntityStage.tag(canonical, cfg.entities().model(),
                cfg.entities().gazetteers(), cfg.entities().budget()));
        Dataset<EntityMention> mentions = ctx.cache(EntityStage.linkAcrossArticles(tagged));
        d.parsed().night().stage(TableSchemas.ENTITIES, mentions, true);
        tagged.unpersist();
        d.parsed().night().stage(TableSchemas.NAMES, EntityStage.names(mentions), true);
        return new Tagged(d, EntityStage.withSummary(canonical, mentions, cfg.entities().budget()), true);
    };

    /** Stages the document tables and paragraph_index. */
    static final Stage<Tagged, NightCommit> WRITE = (t, ctx) -> {
        Decided d = t.decided();
        NightCommit night = d.parsed().night();
        night.stage(TableSchemas.ARTICLES, t.articles(), t.shuffledById());
        night.stage(TableSchemas.DUPLICATES, d.dedup().duplicates(d.all()), false);
        night.stage(TableSchemas.REJECTS, d.parsed().rejects(), false);
        night.stage(TableSchemas.PARAGRAPH_INDEX, d.dedup().paragraphIndex(), false);
        // From the staged files: a few columns read back, not the articles' pipeline (bodies) run again.
        Dataset<Row> keys = HistoryKeys.rows(night.staged(TableSchemas.ARTICLES),
                night.staged(TableSchemas.PARAGRAPH_INDEX), ctx.cfg().runDate());
        // Counted first (the staged files' arrays of paragraph hashes, one column): the Bloom filters are sized for
        // the night's keys.
        night.stage(TableSchemas.DEDUP_KEYS, keys, false, keys.count());
        ctx.count("boilerplate", d.dedup().boilerplateParagraphs());
        return night;
    };

    /** Counts what was staged, as readers would get it: the balance. */
    static final Stage<NightCommit, NightCommit.Balance> CHECK = (night, ctx) -> {
        NightCommit.Balance b = night.balance(ctx.counter("read_parse", "rows_in"), ctx.cfg().entities().enabled());
        ctx.count("articles", b.articles());
        ctx.count("duplicates", b.duplicates());
        ctx.count("rejects", b.rejects());
        ctx.count("entities", b.entities());
        return b;
    };

    /**
     * The committed rows of other nights that dedup compares against; this night's own rows are left out, so that
     * a rerun does not find its own canonicals as earlier copies. Empty when the table does not exist yet.
     */
    static Dataset<Row> history(StageContext ctx, TableSchema table, String... columns) {
        Dataset<Row> all = TableWriter.read(ctx.spark(), ctx.cfg().output(), table);
        return all.where(functions.col("run_date").notEqual(functions.lit(Date.valueOf(ctx.cfg().runDate()))))
                .select(Arrays.stream(columns).map(functions::col).toArray(Column[]::new));
    }
}
