package io.newsetl.entities;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.newsetl.model.Document;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Tags the canonical articles of a night and adds their entity summary columns.
 *
 * <pre>{@code
 * Dataset<EntityMention> mentions = EntityStage.tag(articles, "", "", TagBudget.defaults());  // bundled model
 * Dataset<Row> withCounts = EntityStage.withSummary(articles, mentions, TagBudget.defaults());
 * }</pre>
 * The model and the gazetteers load once per executor JVM ({@link NerModel#load}, {@link #gazetteer}); each task
 * makes one {@link EntityTagger} for all its articles.
 */
public final class EntityStage {

    private static final java.util.Map<String, Gazetteer> GAZETTEERS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<String, io.newsetl.names.Aliases> ALIASES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private EntityStage() {
    }

    static Gazetteer gazetteer(String dir) {
        return GAZETTEERS.computeIfAbsent(dir, Gazetteer::load);
    }

    /** The mentions of every article; rejects and duplicates must already be filtered out. */
    public static Dataset<EntityMention> tag(Dataset<?> articles, String modelDir, String gazetteerDir,
            TagBudget budget) {
        // Only the columns tagging reads, as rows: the whole bean would decode every field of every article.
        Dataset<Row> slim = articles.select(col("documentId"), col("body"), col("language"), col("runId"),
                col("runDate"), col("pubDate"));
        return slim.mapPartitions((MapPartitionsFunction<Row, EntityMention>) docs -> {
            EntityTagger tagger = new EntityTagger(NerModel.load(modelDir), gazetteer(gazetteerDir), budget,
                    ALIASES.computeIfAbsent(gazetteerDir, io.newsetl.names.Aliases::load));
            return new Iterator<>() {
                private Iterator<EntityMention> current = java.util.Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && docs.hasNext()) {
                        current = mentions(tagger, docs.next()).iterator();
                    }
                    return current.hasNext();
                }

                @Override
                public EntityMention next() {
                    hasNext();
                    return current.next();
                }
            };
        }, Encoders.bean(EntityMention.class));
    }

    static List<EntityMention> mentions(EntityTagger tagger, Row d) {
        String id = d.getString(0);
        java.time.LocalDate runDate = toLocalDate(d.get(4));
        java.time.LocalDate pubDate = toLocalDate(d.get(5));
        List<EntityMention> out = new ArrayList<>();
        for (EntityTagger.Mention m : tagger.tag(d.getString(1), d.getString(2))) {
            out.add(new EntityMention(id, m.paragraph(), m.start(), m.end(), m.text(), m.type(), m.canonical(),
                    m.title(), m.source(), m.score(), d.getString(3), runDate, pubDate));
        }
        return out;
    }

    /**
     * Links a bare surname to a full name across the night's articles ({@link io.newsetl.names.NameLinks}): a PER
     * mention whose canonical name is one word, in an article that names nobody with that surname in full, takes the
     * full name that the night's articles with both the bare surname and a full name make unambiguous. Everything
     * else is unchanged. Only the short PER mentions enter the joins; the table of links is one row per surname.
     */
    public static Dataset<EntityMention> linkAcrossArticles(Dataset<EntityMention> mentions) {
        Dataset<Row> all = mentions.toDF();
        Column person = col("type").equalTo("PER");
        Column shortName = person.and(functions.not(col("canonical").contains(" ")));
        Column lastWord = functions.element_at(functions.split(col("canonical"), " "), -1);
        // The night's evidence: articles where a bare surname (as written) stands beside a full name ending with it.
        Dataset<Row> full = all.filter(person.and(col("canonical").contains(" ")))
                .select(col("articleId").as("a"), lastWord.as("surname"), col("canonical").as("full_name")).distinct();
        Dataset<Row> bare = all.filter(person.and(functions.not(col("text").contains(" "))))
                .select(col("articleId").as("a"), col("text").as("surname")).distinct();
        // One aggregation per surname: its (article, full name) pairs; NameLinks counts and decides.
        Dataset<Row> links = bare.join(full, new String[] {"a", "surname"}, "inner").groupBy("surname")
                .agg(functions.collect_list(functions.struct(col("a"), col("full_name"))).as("beside"))
                .select(col("surname"), LINK.apply(col("beside")).as("linked"))
                .filter(col("linked").isNotNull());
        // Any longer name ending with the surname keeps the article's own resolution, whatever its type.
        Dataset<Row> namedInFull = all.filter(col("canonical").contains(" ")).select(col("articleId").as("full_article"),
                lastWord.as("full_surname")).distinct();
        String[] columns = all.columns();
        Dataset<Row> linked = all.filter(shortName)
                .join(links, col("canonical").equalTo(col("surname")), "left")
                .join(namedInFull, col("articleId").equalTo(col("full_article"))
                        .and(col("canonical").equalTo(col("full_surname"))), "left")
                .withColumn("canonical", functions.when(col("linked").isNotNull().and(col("full_article").isNull()),
                        col("linked")).otherwise(col("canonical")))
                .select(java.util.Arrays.stream(columns).map(functions::col).toArray(Column[]::new));
        return all.filter(functions.not(shortName)).unionByName(linked).as(Encoders.bean(EntityMention.class));
    }

    /** {@link io.newsetl.names.NameLinks#link} over one surname's (article, full name) pairs. */
    private static final org.apache.spark.sql.expressions.UserDefinedFunction LINK = functions.udf(
            (org.apache.spark.sql.api.java.UDF1<scala.collection.Seq<Row>, String>) beside -> {
                java.util.Map<String, java.util.Set<String>> articlesByName = new java.util.HashMap<>();
                java.util.Set<String> articles = new java.util.HashSet<>();
                for (Row r : scala.collection.JavaConverters.seqAsJavaListConverter(beside).asJava()) {
                    articles.add(r.getString(0));
                    articlesByName.computeIfAbsent(r.getString(1), k -> new java.util.HashSet<>()).add(r.getString(0));
                }
                java.util.Map<String, Long> counts = new java.util.HashMap<>();
                articlesByName.forEach((name, in) -> counts.put(name, (long) in.size()));
                return io.newsetl.names.NameLinks.link(counts, articles.size()).orElse(null);
            }, org.apache.spark.sql.types.DataTypes.StringType);

    /**
     * The night's rows of the {@code names} table: per pub_date, resolved name and type, the written forms with
     * their mentions, the mentions and the articles. Computed from the night's mentions only, so a night adds its
     * own rows to the pub_date partitions it touches (a rerun replaces them) and never reads the history; a name's
     * totals over any range are sums over these rows.
     */
    public static Dataset<Row> names(Dataset<EntityMention> mentions) {
        Column[] key = {col("pubDate"), col("canonical"), col("type")};
        Dataset<Row> forms = mentions.groupBy(col("pubDate"), col("canonical"), col("type"), col("text"))
                .agg(count(lit(1)).as("n"))
                .groupBy(key).agg(functions.map_from_entries(functions.array_sort(functions.collect_list(
                        functions.struct(col("text"), col("n"))))).as("variants"), functions.sum("n").as("mentions"));
        Dataset<Row> articles = mentions.groupBy(key).agg(functions.countDistinct("articleId").as("articles"),
                functions.min("runId").as("runId"), functions.min("runDate").as("runDate"));
        return forms.join(articles, new String[] {"pubDate", "canonical", "type"});
    }

    /** Spark hands dates out as java.sql.Date or LocalDate depending on spark.sql.datetime.java8API.enabled. */
    private static java.time.LocalDate toLocalDate(Object v) {
        return v == null ? null : v instanceof java.sql.Date d ? d.toLocalDate() : (java.time.LocalDate) v;
    }

    /**
     * The articles with {@code entityCount} and the sorted distinct canonical names per type ({@code persons},
     * {@code organizations}, {@code locations}, {@code miscEntities}); 0 and empty lists for articles without any;
     * {@code entitiesTruncated} when the budget left part of the body unread.
     */
    public static Dataset<Row> withSummary(Dataset<?> articles, Dataset<EntityMention> mentions,
            TagBudget budget) {
        Dataset<Row> summary = mentions.groupBy(col("articleId"))
                .agg(count(lit(1)).as("entityCount"), names("PER").as("persons"), names("ORG").as("organizations"),
                        names("LOC").as("locations"), names("MISC").as("miscEntities"));
        Column empty = functions.array().cast("array<string>");
        return articles.toDF().join(summary, col("documentId").equalTo(col("articleId")), "left")
                .withColumn("entityCount", coalesce(col("entityCount"), lit(0L)))
                .withColumn("persons", coalesce(col("persons"), empty))
                .withColumn("organizations", coalesce(col("organizations"), empty))
                .withColumn("locations", coalesce(col("locations"), empty))
                .withColumn("miscEntities", coalesce(col("miscEntities"), empty))
                .withColumn("entitiesTruncated", truncated(budget).apply(col("body")));
    }

    /** Whether the tagger read only part of a body (a pure rule of {@link TagBudget}, evaluated per row). */
    private static org.apache.spark.sql.expressions.UserDefinedFunction truncated(TagBudget budget) {
        return functions.udf((org.apache.spark.sql.api.java.UDF1<String, Boolean>) body -> body != null
                        && budget.truncates(body, io.newsetl.model.Body.paragraphRanges(body)),
                org.apache.spark.sql.types.DataTypes.BooleanType);
    }

    /** Empty summary columns, for runs with entities.enabled = false. */
    public static Dataset<Row> withoutSummary(Dataset<?> articles) {
        Column empty = functions.array().cast("array<string>");
        return articles.toDF().withColumn("entityCount", lit(0L)).withColumn("persons", empty)
                .withColumn("organizations", empty).withColumn("locations", empty).withColumn("miscEntities", empty)
                .withColumn("entitiesTruncated", lit(false));
    }

    private static Column names(String type) {
        return functions.array_sort(functions.array_distinct(functions.collect_list(
                functions.when(col("type").equalTo(type), col("canonical")))));
    }
}
