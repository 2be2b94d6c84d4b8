package io.newsetl.ingest;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads listed files inside Spark tasks. Spark's small-file readers ({@code wholeTextFiles}, {@code binaryFiles})
 * open a split per file and manage hundreds of files per second; listing on the driver and reading with plain NIO
 * (or the Hadoop FileSystem API for {@code hdfs:}/{@code s3a:}) inside tasks packed by bytes reads thousands.
 *
 * <pre>{@code
 * Dataset<RawDocument> raw = IngestStage.read(spark, listing.files(), 32L << 20, 8192, DocumentReader.Limits.defaults());
 * }</pre>
 * The night reads and parses in one pass ({@link #read(SparkSession, List, long, long, DocumentReader.Limits,
 * Then, Encoder)}), so a file's bytes are never encoded into a Spark row unless it becomes a reject.
 */
public final class IngestStage {

    private IngestStage() {
    }

    /** What the task does with each file it has read, in the same pass (for example, parse it). */
    @FunctionalInterface
    public interface Then<T> extends java.io.Serializable {
        T apply(RawDocument doc);
    }

    public static Dataset<RawDocument> read(SparkSession spark, List<InputFile> files, long targetTaskBytes,
            long fileOpenCost, DocumentReader.Limits limits) {
        return read(spark, files, targetTaskBytes, fileOpenCost, limits, d -> d, Encoders.bean(RawDocument.class));
    }

    public static <T> Dataset<T> read(SparkSession spark, List<InputFile> files, long targetTaskBytes,
            long fileOpenCost, DocumentReader.Limits limits, Then<T> then, org.apache.spark.sql.Encoder<T> encoder) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<List<InputFile>> tasks =
                // At least four tasks per core, so that the last wave of tasks does not leave cores idle.
                TaskPacker.pack(files, targetTaskBytes, fileOpenCost, 4 * jsc.defaultParallelism());
        Broadcast<SerializableConfiguration> conf =
                jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        DocumentReader reader = new DocumentReader(limits);
        JavaRDD<List<InputFile>> packed = jsc.parallelize(tasks, Math.max(1, tasks.size()));
        JavaRDD<T> docs = packed.mapPartitions(
                (FlatMapFunction<Iterator<List<InputFile>>, T>) it -> readAll(it, reader, conf.value(), then));
        return spark.createDataset(docs.rdd(), encoder);
    }

    private static <T> Iterator<T> readAll(Iterator<List<InputFile>> tasks, DocumentReader reader,
            SerializableConfiguration conf, Then<T> then) {
        List<InputFile> files = new ArrayList<>();
        tasks.forEachRemaining(files::addAll);
        Iterator<InputFile> it = files.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                InputFile f = it.next();
                return then.apply(reader.read(f.getPath(), f.getSize(), () -> open(f.getPath(), conf)));
            }
        };
    }

    static InputStream open(String path, SerializableConfiguration conf) throws java.io.IOException {
        if (InputLister.isLocal(path)) {
            return Files.newInputStream(InputLister.localPath(path));
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = p.getFileSystem(conf.value());
        return fs.open(p);
    }
}
