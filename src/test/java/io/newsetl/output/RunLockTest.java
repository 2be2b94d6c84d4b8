package io.newsetl.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsetl.model.LockedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    private final Configuration conf = new Configuration();

    @Test
    void secondRunRefusesWithAClearMessageAndTheLockGoesAway(@TempDir Path out) {
        try (RunLock first = RunLock.acquire(conf, out.toString(), "r20180529-aaaa", 600)) {
            assertThat(out.resolve("_lock")).exists();
            assertThatThrownBy(() -> RunLock.acquire(conf, out.toString(), "r20180529-bbbb", 600))
                    .isInstanceOf(LockedException.class)
                    .hasMessageContaining("Another run is writing to " + out)
                    .hasMessageContaining("r20180529-aaaa")
                    .hasMessageContaining("_lock");
        }
        assertThat(out.resolve("_lock")).doesNotExist();
        RunLock.acquire(conf, out.toString(), "r20180530-cccc", 600).close();
    }

    @Test
    void lockOfADeadLocalProcessOrWithoutHeartbeatIsTakenOver(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("_lock"), "run_id=r1 host=" + java.net.InetAddress.getLocalHost().getHostName()
                + " pid=" + Integer.MAX_VALUE + " since=2018-05-29T00:00:00Z\n");
        RunLock.acquire(conf, out.toString(), "r2", 600).close();

        Files.writeString(out.resolve("_lock"), "run_id=r1 host=elsewhere pid=1 since=2018-05-29T00:00:00Z\n");
        Files.setLastModifiedTime(out.resolve("_lock"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        assertThatThrownBy(() -> RunLock.acquire(conf, out.toString(), "r3", 600))
                .isInstanceOf(LockedException.class);
        RunLock.acquire(conf, out.toString(), "r3", 60).close();
    }
}
