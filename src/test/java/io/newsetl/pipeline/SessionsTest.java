package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SessionsTest {

    @Test
    void theConfiguredZstdLevelReachesTheParquetCodecOfDriverAndExecutors() {
        SparkConf conf = new SparkConf(false);
        Sessions.apply(conf, ConfigLoader.load(null, Map.of("input", "/in", "output", "/out",
                "write.zstd-level", "5")));
        // spark.hadoop.* keys are copied into every Hadoop configuration of the session, where Parquet reads it.
        assertThat(conf.get("spark.hadoop.parquet.compression.codec.zstd.level")).isEqualTo("5");
        assertThat(conf.get("spark.sql.inMemoryColumnarStorage.compressed")).isEqualTo("false");
    }
}
