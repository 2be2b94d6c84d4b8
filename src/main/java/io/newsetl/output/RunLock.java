package io.newsetl.output;

import io.newsetl.model.LockedException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run at a time per output root: {@code <output>/_lock} is created atomically (it fails if it exists) and holds
 * who owns it; while the run lives, a heartbeat refreshes its modification time. A second run refuses with a message
 * naming the owner. A lock whose heartbeat stopped longer than {@code staleSeconds} ago (a killed driver) is taken
 * over, with a warning, so a rerun after a crash needs no manual step.
 *
 * <pre>{@code
 * try (RunLock lock = RunLock.acquire(conf, "/warehouse/news", "r20180529-1a2b3c4d", 600)) {
 *     // ... the run ...
 * }
 * }</pre>
 */
public final class RunLock implements AutoCloseable {

    private final FileSystem fs;
    private final Path path;
    private final ScheduledExecutorService heartbeat;

    private RunLock(FileSystem fs, Path path, long staleSeconds) {
        this.fs = fs;
        this.path = path;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "news-etl-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, staleSeconds / 4);
        heartbeat.scheduleAtFixedRate(this::touch, every, every, TimeUnit.SECONDS);
    }

    public static RunLock acquire(Configuration conf, String output, String runId, long staleSeconds) {
        try {
            Path path = new Path(output, "_lock");
            FileSystem fs = path.getFileSystem(conf);
            fs.mkdirs(path.getParent());
            String owner = String.format("run_id=%s host=%s pid=%d since=%s%n", runId,
                    InetAddress.getLocalHost().getHostName(), ProcessHandle.current().pid(), Instant.now());
            if (!tryCreate(fs, path, owner)) {
                FileStatus st = fs.getFileStatus(path);
                long ageSeconds = (System.currentTimeMillis() - st.getModificationTime()) / 1000;
                String holder = read(fs, path).strip();
                if (ageSeconds <= staleSeconds && !ownerIsDeadHere(holder)) {
                    throw new LockedException("Another run is writing to " + output + " (" + holder + ", heartbeat "
                            + ageSeconds + " s ago); wait for it to finish, or if it is dead remove " + path
                            + " (it is taken over by itself after run.lock-stale-seconds = " + staleSeconds + " s).");
                }
                org.slf4j.LoggerFactory.getLogger(RunLock.class).warn(
                        "Taking over a stale lock {} ({}; its process is gone or sent no heartbeat for {} s)", path,
                        holder, ageSeconds);
                fs.delete(path, false);
                if (!tryCreate(fs, path, owner)) {
                    throw new LockedException("Another run took the lock on " + output + " at the same moment; retry.");
                }
            }
            return new RunLock(fs, path, staleSeconds);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the run lock in " + output + ": " + e.getMessage(), e);
        }
    }

    /** True when the lock names a process of this host that no longer exists (a killed local driver). */
    static boolean ownerIsDeadHere(String holder) {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("host=(\\S+) pid=(\\d+)").matcher(holder);
            return m.find() && m.group(1).equals(InetAddress.getLocalHost().getHostName())
                    && ProcessHandle.of(Long.parseLong(m.group(2))).map(p -> !p.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean tryCreate(FileSystem fs, Path path, String owner) throws IOException {
        try (OutputStream out = fs.create(path, false)) {
            out.write(owner.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // The local file system reports an existing file as a plain IOException.
            if (fs.exists(path)) {
                return false;
            }
            throw e;
        }
    }

    private static String read(FileSystem fs, Path path) throws IOException {
        try (FSDataInputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void touch() {
        try {
            fs.setTimes(path, System.currentTimeMillis(), -1);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(RunLock.class).warn("Lock heartbeat failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            fs.delete(path, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the run lock " + path + ": " + e.getMessage(), e);
        }
    }

}
