package io.newsetl.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A swap that dies before its decision leaves the old files; one that dies after it is finished by recover. */
class FileSwapTest {

    private static org.apache.hadoop.fs.Path hp(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri());
    }

    private static FileSwap prepared(Path out) throws Exception {
        Path part = Files.createDirectories(out.resolve("articles/pub_date=2018-05-30"));
        Files.writeString(part.resolve("part-r20180530-00000.parquet"), "old1");
        Files.writeString(part.resolve("part-r20180531-00000.parquet"), "old2");
        Path staged = Files.createDirectories(out.resolve("_staging/compact-x/articles/pub_date=2018-05-30"));
        Files.writeString(staged.resolve("part-00000.parquet"), "new");
        FileSwap swap = FileSwap.begin(new Configuration(), out.toString(), "compact-x");
        swap.add(hp(staged.resolve("part-00000.parquet")), hp(part.resolve("part-c20180530-20180531-x-00000.parquet")));
        swap.delete(hp(part.resolve("part-r20180530-00000.parquet")));
        swap.delete(hp(part.resolve("part-r20180531-00000.parquet")));
        return swap;
    }

    private static String visible(Path out) throws Exception {
        try (var s = Files.list(out.resolve("articles/pub_date=2018-05-30"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList().toString();
        }
    }

    @Test
    void aCommittedSwapReplacesTheFilesAndLeavesNoJournal(@TempDir Path out) throws Exception {
        prepared(out).commit();
        assertThat(visible(out)).isEqualTo("[part-c20180530-20180531-x-00000.parquet]");
        assertThat(out.resolve("_swaps")).doesNotExist();
    }

    @Test
    void aSwapThatDiedBeforeItsDecisionIsUndone(@TempDir Path out) throws Exception {
        FileSwap swap = prepared(out);
        swap.abandon();
        // Readers never saw the pending file: it is hidden.
        assertThat(visible(out)).isEqualTo("[part-r20180530-00000.parquet, part-r20180531-00000.parquet]");
        FileSwap.recover(new Configuration(), out.toString());
        assertThat(visible(out)).isEqualTo("[part-r20180530-00000.parquet, part-r20180531-00000.parquet]");
        try (var s = Files.list(out.resolve("articles/pub_date=2018-05-30"))) {
            assertThat(s.count()).as("no pending file left").isEqualTo(2);
        }
        assertThat(out.resolve("_swaps")).doesNotExist();
    }

    @Test
    void aSwapThatDiedAfterItsDecisionIsFinished(@TempDir Path out) throws Exception {
        FileSwap swap = prepared(out);
        swap.decide();
        FileSwap.recover(new Configuration(), out.toString());
        assertThat(visible(out)).isEqualTo("[part-c20180530-20180531-x-00000.parquet]");
        assertThat(Files.readString(out.resolve("articles/pub_date=2018-05-30/part-c20180530-20180531-x-00000.parquet")))
                .isEqualTo("new");
        // Finishing twice changes nothing.
        FileSwap.recover(new Configuration(), out.toString());
        assertThat(visible(out)).isEqualTo("[part-c20180530-20180531-x-00000.parquet]");
    }
}
