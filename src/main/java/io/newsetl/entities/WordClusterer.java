package io.newsetl.entities;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Learns {@link WordClusters} from tokenised sentences with Spark MLlib: Word2Vec (skip-gram) vectors, then k-means
 * over the vocabulary's vectors. Run by {@code train-ner --unlabelled}; one partition and fixed seeds, so the same
 * sentences on the same settings give the same clusters.
 *
 * <pre>{@code
 * List<List<String>> sentences = List.of(List.of("talks", "resume", "on", "monday"), List.of("talks", "end"));
 * WordClusters c = WordClusterer.cluster(spark, sentences, WordClusterer.Settings.defaults());
 * }</pre>
 */
public final class WordClusterer {

    /** Word2Vec and k-means settings; {@link #defaults()} were chosen on eng.testa. */
    public record Settings(int vectorSize, int window, int minCount, int iterations, int clusters, long seed) {
        /** 512 clusters of the current word alone scored best on eng.testa (128+512, or ±1 word, did worse). */
        public static Settings defaults() {
            return new Settings(100, 5, 2, 3, 512, 42);
        }

        public Settings withClusters(int k) {
            return new Settings(vectorSize, window, minCount, iterations, k, seed);
        }
    }

    private WordClusterer() {
    }

    /** @param sentences tokens of unlabelled text, any case: they are {@link WordClusters#normalise normalised} */
    public static WordClusters cluster(SparkSession spark, List<List<String>> sentences, Settings s) {
        List<Row> rows = sentences.stream()
                .map(t -> RowFactory.create((Object) t.stream().map(WordClusters::normalise).toArray(String[]::new)))
                .toList();
        Dataset<Row> text = spark.createDataFrame(rows,
                new StructType().add("tokens", DataTypes.createArrayType(DataTypes.StringType)));
        Word2VecModel w2v = new Word2Vec().setInputCol("tokens").setOutputCol("vector").setVectorSize(s.vectorSize())
                .setWindowSize(s.window()).setMinCount(s.minCount()).setMaxIter(s.iterations()).setSeed(s.seed())
                .setNumPartitions(1).fit(text);
        Dataset<Row> vectors = w2v.getVectors().withColumnRenamed("vector", "features").cache();
        try {
            int k = (int) Math.min(s.clusters(), vectors.count());
            KMeansModel km = new KMeans().setK(Math.max(2, k)).setSeed(s.seed()).setMaxIter(30).fit(vectors);
            Map<String, Integer> clusters = new HashMap<>();
            for (Row r : km.transform(vectors).select("word", "prediction").collectAsList()) {
                clusters.put(r.getString(0), r.getInt(1));
            }
            return WordClusters.of(clusters);
        } finally {
            vectors.unpersist();
        }
    }
}
