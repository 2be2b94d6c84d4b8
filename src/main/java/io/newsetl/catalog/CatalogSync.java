package io.newsetl.catalog;

import io.newsetl.output.TableDdl;
import io.newsetl.output.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the tables of an output in the session's catalog (a Hive metastore in the job), so that analysts query
 * {@code news.articles} with no DDL. Named steps, one result:
 * <ol>
 *   <li>a table seen for the first time, or whose schema or location changed (a new column, a moved output), is
 *       (re)created from its declared schema ({@link TableDdl#sparkCreate}) and gets every partition folder it has:
 *       a one-off listing;</li>
 *   <li>otherwise only the night's partitions are added, and those the night emptied are dropped: no
 *       {@code MSCK REPAIR}, whose cost grows with the history.</li>
 * </ol>
 * The tables are external: dropping one never touches its files.
 *
 * <pre>{@code
 * CatalogSync.Result r = CatalogSync.sync(spark, "/warehouse/news", "news", TableDdl.tables(),
 *         Map.of("articles", new CatalogSync.Changes(new TreeSet<>(List.of("pub_date=2018-05-29")), new TreeSet<>())));
 * }</pre>
 */
public final class CatalogSync {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogSync.class);
    private static final int BATCH = 200;

    private CatalogSync() {
    }

    /** Partition folders a night added to a table and those it removed ({@code pub_date=2018-05-29}). */
    public record Changes(SortedSet<String> added, SortedSet<String> removed) {
    }

    /** What was done: tables created (first sight), recreated (schema or location changed), partitions added and dropped. */
    public record Result(int tables, int created, int recreated, int partitionsAdded, int partitionsDropped) {
        public String summary() {
            return String.format("SUCCEEDED: %d tables (%d created, %d recreated), %d partitions added, %d dropped",
                    tables, created, recreated, partitionsAdded, partitionsDropped);
        }
    }

    /**
     * Registers every table of {@code tables} that has a folder under {@code output}; {@code night} holds, by table
     * name, what the night changed (tables not in it are only checked).
     */
    public static Result sync(SparkSession spark, String output, String database, Collection<TableSchema> tables,
            Map<String, Changes> night) {
        return sync(spark, output, database, tables, night, false);
    }

    /**
     * As {@link #sync(SparkSession, String, String, Collection, Map)}; {@code full} adds every partition folder of
     * every table (IF NOT EXISTS), to repair a catalog whose earlier registration failed.
     */
    public static Result sync(SparkSession spark, String output, String database, Collection<TableSchema> tables,
            Map<String, Changes> night, boolean full) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
        int n = 0;
        int created = 0;
        int recreated = 0;
        int added = 0;
        int dropped = 0;
        try {
            Path root = new Path(output);
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            String location = fs.makeQualified(root).toString();
            for (TableSchema t : tables) {
                Path folder = new Path(location + "/" + TableDdl.folder(t));
                if (!fs.exists(folder)) {
                    continue;
                }
                n++;
                String name = database + "." + t.name();
                boolean exists = spark.catalog().tableExists(database, t.name());
                boolean stale = exists && !matches(spark, name, t, folder.toString());
                if (stale && !external(spark, name)) {
                    throw new IllegalStateException("catalog: " + name + " exists as a managed table; news-etl "
                            + "registers external tables only and will not drop it. Drop or rename it, or set "
                            + "catalog.database to another database.");
                }
                if (stale) {
                    LOG.info("catalog: {} changed (schema or location): recreating it over {}", name, folder);
                    spark.sql("DROP TABLE " + name);
                    recreated++;
                } else if (!exists) {
                    created++;
                }
                if (!exists || stale || full) {
                    spark.sql(TableDdl.sparkCreate(database, location, t));   // IF NOT EXISTS
                    if (t.partitionColumn() != null) {
                        added += addPartitions(spark, name, allPartitions(fs, folder, t));
                    }
                } else if (t.partitionColumn() != null && night.containsKey(t.name())) {
                    Changes c = night.get(t.name());
                    added += addPartitions(spark, name, c.added());
                    for (String p : c.removed()) {
                        spark.sql("ALTER TABLE " + name + " DROP IF EXISTS PARTITION (" + spec(p) + ")");
                        dropped++;
                    }
                }
                if (t.partitionColumn() == null) {
                    spark.sql("REFRESH TABLE " + name);
                }
            }
            if (tables.stream().anyMatch(t -> t.name().equals("names"))
                    && fs.exists(new Path(location + "/names"))) {
                spark.sql(namesTotalView(database));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + output + " for the catalog: " + e.getMessage(), e);
        }
        return new Result(n, created, recreated, added, dropped);
    }

    /**
     * The view {@code names_total}: one row per canonical name and type over every night and date, with its written
     * forms and their counts, mentions, articles, first and last seen. A view, so a night writes nothing for it and
     * it never needs a rebuild.
     */
    static String namesTotalView(String database) {
        String names = database + ".names";
        return "CREATE OR REPLACE VIEW " + database + ".names_total AS "
                + "WITH forms AS (SELECT canonical, type, form, sum(n) AS n FROM " + names
                + " LATERAL VIEW explode(variants) f AS form, n GROUP BY canonical, type, form), "
                + "totals AS (SELECT canonical, type, sum(mentions) AS mentions, sum(articles) AS articles, "
                + "min(pub_date) AS first_seen, max(pub_date) AS last_seen FROM " + names + " GROUP BY canonical, type) "
                + "SELECT t.canonical, t.type, v.variants, t.mentions, t.articles, t.first_seen, t.last_seen FROM totals t "
                + "JOIN (SELECT canonical, type, map_from_entries(collect_list(struct(form, n))) AS variants FROM forms "
                + "GROUP BY canonical, type) v ON t.canonical = v.canonical AND t.type = v.type";
    }

    /** Whether the registered table has the declared columns (names and types, in order) and the folder. */
    static boolean matches(SparkSession spark, String name, TableSchema t, String folder) {
        StructType registered = spark.table(name).schema();
        List<String> want = new ArrayList<>();
        for (StructField f : t.structType().fields()) {
            want.add(f.name() + " " + f.dataType().sql());
        }
        List<String> have = new ArrayList<>();
        for (StructField f : registered.fields()) {
            have.add(f.name() + " " + f.dataType().sql());
        }
        if (!want.equals(have)) {
            return false;
        }
        String registeredLocation = null;
        for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
            if ("Location".equals(r.getString(0))) {
                registeredLocation = r.getString(1);
            }
        }
        return registeredLocation != null && Objects.equals(new Path(registeredLocation).toUri().getPath(),
                new Path(folder).toUri().getPath());
    }

    /** Whether the registered table is external (dropping it keeps its files). */
    static boolean external(SparkSession spark, String name) {
        for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
            if ("Type".equals(r.getString(0))) {
                return "EXTERNAL".equalsIgnoreCase(r.getString(1).strip());
            }
        }
        return false;
    }

    private static int addPartitions(SparkSession spark, String name, Collection<String> partitions) {
        List<String> all = new ArrayList<>();
        for (String p : partitions) {
            if (isPartitionFolder(p)) {
                all.add(p);
            } else {
                LOG.warn("catalog: {} skipped: not a partition folder of {}", p, name);
            }
        }
        for (int i = 0; i < all.size(); i += BATCH) {
            StringBuilder b = new StringBuilder("ALTER TABLE ").append(name).append(" ADD IF NOT EXISTS");
            for (String p : all.subList(i, Math.min(all.size(), i + BATCH))) {
                b.append(" PARTITION (").append(spec(p)).append(')');
            }
            spark.sql(b.toString());
        }
        return all.size();
    }

    static boolean isPartitionFolder(String folder) {
        int eq = folder.indexOf('=');
        return eq > 0 && folder.substring(eq + 1).matches("[0-9A-Za-z_:.-]+");
    }

    /** {@code pub_date=2018-05-29} as a partition spec: {@code pub_date = '2018-05-29'}. */
    static String spec(String folder) {
        int eq = folder.indexOf('=');
        if (!isPartitionFolder(folder)) {
            throw new IllegalArgumentException("Not a partition folder: " + folder);
        }
        return folder.substring(0, eq) + " = '" + folder.substring(eq + 1) + "'";
    }

    private static SortedSet<String> allPartitions(FileSystem fs, Path folder, TableSchema t) throws IOException {
        SortedSet<String> out = new TreeSet<>();
        for (FileStatus s : fs.listStatus(folder)) {
            String n = s.getPath().getName();
            if (s.isDirectory() && n.startsWith(t.partitionColumn() + "=")) {
                out.add(n);
            }
        }
        return out;
    }
}
