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
 * Dataset<RawDocument> raw = IngestStage.read(spark, listing.files(), cfg.ingest());
 * }</pre>
 */
public final class IngestStage {

    private IngestStage() {
    }

    public static Dataset<RawDocument> read(SparkSession spark, List<InputFile> files, long targetTaskBytes,
            long fileOpenCost, DocumentReader.Limits limits) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<List<InputFile>> tasks =
                // At least four tasks per core, so that the last wave of tasks does not leave cores idle.
                TaskPacker.pack(files, targetTaskBytes, fileOpenCost, 4 * jsc.defaultParallelism());
        Broadcast<SerializableConfiguration> conf =
                jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        DocumentReader reader = new DocumentReader(limits);
        JavaRDD<List<InputFile>> packed = jsc.parallelize(tasks, Math.max(1, tasks.size()));
        JavaRDD<RawDocument> docs = packed.mapPartitions(
                (FlatMapFunction<Iterator<List<InputFile>>, RawDocument>) it -> readAll(it, reader, conf.value()));
        return spark.createDataset(docs.rdd(), Encoders.bean(RawDocument.class));
    }

    private static Iterator<RawDocument> readAll(Iterator<List<InputFile>> tasks, DocumentReader reader,
            SerializableConfiguration conf) {
        List<InputFile> files = new ArrayList<>();
        tasks.forEachRemaining(files::addAll);
        Iterator<InputFile> it = files.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public RawDocument next() {
                InputFile f = it.next();
                return reader.read(f.getPath(), f.getSize(), () -> open(f.getPath(), conf));
            }
        };
    }

    static InputStream open(String path, SerializableConfiguration conf) throws java.io.IOException {
        if (InputLister.isLocal(path)) {
            return Files.newInputStream(Path.of(InputLister.stripFileScheme(path)));
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = p.getFileSystem(conf.value());
        return fs.open(p);
    }
}
