package io.newsetl.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Child JVMs and scripts for the integration tests: started with logs to a file, stopped by their own pids. */
final class Jvms {

    static final Path BASEDIR = Path.of(System.getProperty("newsetl.basedir", ".")).toAbsolutePath();

    private Jvms() {
    }

    static Path allJar() throws IOException {
        try (var s = Files.list(BASEDIR.resolve("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("news-etl-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run mvn package first: no news-etl-*-all.jar"));
        }
    }

    static List<String> opens() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(BASEDIR.resolve("submit/java17-opens.sh"))) {
            String t = line.strip();
            if (t.startsWith("-")) {
                out.add(t);
            }
        }
        return out;
    }

    static Process java(List<String> args, Map<String, String> env, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(opens());
        cmd.addAll(args);
        return start(cmd, env, log);
    }

    static Process start(List<String> cmd, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(BASEDIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Kills the process and everything it started, by their own pids. */
    static void kill(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the log file holds a line that matches, or fails with the log's tail. */
    static void awaitLog(Path log, Predicate<String> line, Duration timeout, Process p) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(line)) {
                return;
            }
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException("process exited (" + p.exitValue() + ") before the expected line:\n"
                        + tail(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out waiting for a line in " + log + ":\n" + tail(log));
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static int waitFor(Process p, Duration timeout, Path log) throws Exception {
        if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            kill(p);
            throw new IllegalStateException("timed out after " + timeout + ":\n" + tail(log));
        }
        return p.exitValue();
    }
}
