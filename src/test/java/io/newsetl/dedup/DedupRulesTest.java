package io.newsetl.dedup;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.testing.SparkStageTest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The dedup rules in plain Java, and their column forms deciding alike on the same cases. */
class DedupRulesTest extends SparkStageTest {

    private final DedupRules rules = DedupRules.of(CorpusDedup.Settings.defaults());
    private static final String EARLY = "00000000000000000001|0000000100|a.txt|id-a";
    private static final String LATE = "00000000000000000002|0000000100|b.txt|id-b";

    @Test
    void boilerplateStartsAtTheThreshold() {
        assertThat(rules.isBoilerplate(19)).isFalse();
        assertThat(rules.isBoilerplate(20)).isTrue();
    }

    @Test
    void aCommittedBodyWinsThenTheFirstInTheCanonicalOrder() {
        assertThat(DedupRules.exactCopyOf("committed", LATE, EARLY)).isEqualTo("committed");
        assertThat(DedupRules.exactCopyOf(null, LATE, EARLY)).isEqualTo("id-a");
        assertThat(DedupRules.exactCopyOf(null, EARLY, EARLY)).isNull();
    }

    @Test
    void nearCopiesPointBackAtTheEarliestOfTheBestShare() {
        assertThat(rules.isNearCopy(DedupRules.share(799, 1000))).isFalse();
        assertThat(rules.isNearCopy(DedupRules.share(800, 1000))).isTrue();
        assertThat(DedupRules.mayCopy(false, EARLY, LATE)).isTrue();
        assertThat(DedupRules.mayCopy(false, LATE, EARLY)).isFalse();
        assertThat(DedupRules.mayCopy(true, "", EARLY)).isTrue();
        assertThat(DedupRules.preferred(0.9, LATE, "b", 0.85, EARLY, "a")).isNegative();
        assertThat(DedupRules.preferred(0.9, LATE, "b", 0.9, EARLY, "a")).isPositive();
        assertThat(DedupRules.preferred(0.9, "", "b", 0.9, EARLY, "a")).isNegative();
    }

    @Test
    void theColumnFormsDecideLikeTheRules() {
        StructType schema = new StructType().add("bodies", DataTypes.LongType).add("committed", DataTypes.StringType)
                .add("own", DataTypes.StringType).add("first", DataTypes.StringType)
                .add("shared", DataTypes.LongType).add("total", DataTypes.LongType)
                .add("candCommitted", DataTypes.BooleanType).add("candKey", DataTypes.StringType);
        List<Row> cases = new ArrayList<>();
        cases.add(RowFactory.create(19L, null, LATE, EARLY, 799L, 1000L, false, EARLY));
        cases.add(RowFactory.create(20L, "committed", LATE, EARLY, 800L, 1000L, true, ""));
        cases.add(RowFactory.create(250L, null, EARLY, EARLY, 1000L, 1000L, false, LATE));
        cases.add(RowFactory.create(1L, null, LATE, LATE, 1L, 3L, false, LATE));
        Dataset<Row> df = spark().createDataFrame(cases, schema);
        List<Row> got = df.select(rules.isBoilerplateCol(col("bodies")),
                DedupRules.exactCopyOfCol(col("committed"), col("own"), col("first")),
                rules.isNearCopyCol(DedupRules.shareCol(col("shared"), col("total"))),
                DedupRules.mayCopyCol(col("candCommitted"), col("candKey"), col("own"))).collectAsList();
        for (int i = 0; i < cases.size(); i++) {
            Row c = cases.get(i);
            Row g = got.get(i);
            assertThat(g.getBoolean(0)).isEqualTo(rules.isBoilerplate(c.getLong(0)));
            assertThat(g.getString(1)).isEqualTo(DedupRules.exactCopyOf(c.getString(1), c.getString(2), c.getString(3)));
            assertThat(g.getBoolean(2)).isEqualTo(rules.isNearCopy(DedupRules.share(c.getLong(4), c.getLong(5))));
            assertThat(g.getBoolean(3)).isEqualTo(DedupRules.mayCopy(c.getBoolean(6), c.getString(7), c.getString(2)));
        }
        // The preference as a struct: its minimum is the preferred candidate.
        Row best = spark().createDataFrame(List.of(RowFactory.create(0.85, EARLY, "a"), RowFactory.create(0.9, LATE, "b"),
                        RowFactory.create(0.9, "", "c")), new StructType().add("share", DataTypes.DoubleType)
                        .add("key", DataTypes.StringType).add("id", DataTypes.StringType))
                .agg(functions.min(DedupRules.preferenceCol(col("share"), col("key"), col("id"))).as("p"))
                .select("p.id").first();
        assertThat(best.getString(0)).isEqualTo("c");
    }
}
