package io.newsetl.testing;

import com.holdenkarau.spark.testing.JavaDatasetSuiteBase;
import io.newsetl.pipeline.Sessions;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every Spark test: one shared {@code local[2]} session (spark-testing-base) for the whole test JVM, with
 * the settings of a real run. The context is not stopped between classes; the JVM's exit stops it.
 */
public abstract class SparkStageTest extends JavaDatasetSuiteBase {

    @BeforeEach
    void startSpark() {
        runBefore();
    }

    @Override
    public SparkConf conf() {
        SparkConf conf = new SparkConf()
                .setMaster("local[2]")
                .setAppName("news-etl-test")
                .set("spark.ui.enabled", "false")
                .set("spark.sql.shuffle.partitions", "4")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.sql.warehouse.dir", java.nio.file.Path.of("target/spark-warehouse").toAbsolutePath().toString());
        Sessions.apply(conf, null);
        return conf;
    }

    @Override
    public boolean enableHiveSupport() {
        return false;
    }
}
