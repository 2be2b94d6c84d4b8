package io.newsetl.pipeline;

import io.newsetl.config.JobConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the stages of one night share: the night's Spark session and config, the seconds each stage took, the
 * counters each reported (one log line per stage: {@code stage=NAME key=value ... seconds=S}), and the lifetime of
 * what a stage caches: everything cached through {@link #cache} or registered with {@link #onClose} is released
 * when the night closes, whether it succeeded or not.
 *
 * <pre>{@code
 * try (StageContext ctx = new StageContext(spark, cfg)) {
 *     Integer n = ctx.run("length", (String in, StageContext c) -> {
 *         c.count("chars", in.length());
 *         return in.length();
 *     }, "night");
 *     ctx.seconds();  // {length=0.00}
 * }
 * }</pre>
 * Not thread-safe: the driver runs the stages one after another.
 */
public final class StageContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StageContext.class);

    private final SparkSession spark;
    private final JobConfig cfg;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
    private final Deque<Runnable> releases = new ArrayDeque<>();
    private String current = "setup";

    public StageContext(SparkSession spark, JobConfig cfg) {
        this.spark = spark;
        this.cfg = cfg;
    }

    public SparkSession spark() {
        return spark;
    }

    public JobConfig cfg() {
        return cfg;
    }

    /** Runs {@code stage} on {@code in}, timing it under {@code name}, and logs its line. */
    public <I, O> O run(String name, Stage<I, O> stage, I in) {
        String before = current;
        current = name;
        long t0 = System.nanoTime();
        try {
            O out = stage.apply(in, this);
            double s = (System.nanoTime() - t0) / 1e9;
            seconds.merge(name, s, Double::sum);
            LOG.info("stage={}{} seconds={}", name, counterText(name), String.format("%.2f", s));
            return out;
        } finally {
            current = before;
        }
    }

    /** Records time spent outside {@link #run} (the listing, done before the lock). */
    public void time(String name, double s) {
        seconds.merge(name, s, Double::sum);
    }

    /** A counter of the running stage, printed in its log line and kept for the run record. */
    public void count(String key, long value) {
        counters.computeIfAbsent(current, k -> new LinkedHashMap<>()).put(key, value);
    }

    /** The counter {@code key} of stage {@code stage}, or 0. */
    public long counter(String stage, String key) {
        return counters.getOrDefault(stage, Map.of()).getOrDefault(key, 0L);
    }

    /** Persists {@code ds} (memory, then disk) until the night closes. */
    public <T> Dataset<T> cache(Dataset<T> ds) {
        ds.persist(StorageLevel.MEMORY_AND_DISK());
        releases.push(ds::unpersist);
        return ds;
    }

    /** Something a stage made that must be freed when the night closes (broadcasts, a step's own caches). */
    public void onClose(Runnable release) {
        releases.push(release);
    }

    /** Seconds per stage, in the order they ran. */
    public Map<String, Double> seconds() {
        return seconds;
    }

    private String counterText(String stage) {
        Map<String, Long> c = counters.getOrDefault(stage, Map.of());
        return c.isEmpty() ? "" : " " + c.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** Releases what the stages cached, last first; a failure to release one does not keep the others. */
    @Override
    public void close() {
        RuntimeException first = null;
        while (!releases.isEmpty()) {
            try {
                releases.pop().run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
