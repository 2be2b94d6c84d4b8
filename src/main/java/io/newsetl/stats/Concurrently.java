package io.newsetl.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Independent Spark jobs run at once from a few driver threads. The statistics write many small outputs (an
 * aggregate's touched years, a table of a few thousand rows): each job's cost is mostly the driver's own (planning,
 * scheduling, committing its files), and one after another they leave the cores idle. Jobs from several threads
 * share the executors (Spark's scheduler is thread-safe); the first failure is rethrown as it was thrown.
 */
final class Concurrently {

    /** Driver threads at most: enough to overlap the jobs' driver work with each other's tasks. */
    static final int THREADS = 4;

    private Concurrently() {
    }

    /** Runs every job and returns their results in the jobs' order, once all have ended. */
    static <T> List<T> run(List<Callable<T>> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, jobs.size()), r -> {
            Thread t = new Thread(r, "news-etl-stats-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(jobs.size());
            for (Callable<T> job : jobs) {
                futures.add(pool.submit(job));
            }
            List<T> out = new ArrayList<>(jobs.size());
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the statistics' jobs ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
