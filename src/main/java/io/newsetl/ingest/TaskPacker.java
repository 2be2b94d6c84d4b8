package io.newsetl.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs listed files into Spark tasks by bytes, not by count: consecutive files (in path order) go into one task
 * until it holds {@code targetBytes}, each file weighing its size plus an open cost. A million 3 KB files with a
 * 64 MB target become ~50 tasks, not a million; small inputs are spread over at least {@code minTasks} tasks.
 *
 * <pre>{@code
 * TaskPacker.pack(files, 64 << 20, 8192, 2);  // [[a.txt, b.txt, ...], [...]]
 * }</pre>
 */
public final class TaskPacker {

    private TaskPacker() {
    }

    public static List<List<InputFile>> pack(List<InputFile> files, long targetBytes, long openCost, int minTasks) {
        long total = 0;
        for (InputFile f : files) {
            total += Math.max(0, f.getSize()) + openCost;
        }
        int wanted = Math.max(1, Math.min(files.size(), minTasks));
        long target = Math.max(1, Math.min(targetBytes, (total + wanted - 1) / wanted));
        List<List<InputFile>> tasks = new ArrayList<>();
        List<InputFile> current = new ArrayList<>();
        long bytes = 0;
        for (InputFile f : files) {
            current.add(f);
            bytes += Math.max(0, f.getSize()) + openCost;
            if (bytes >= target) {
                tasks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!current.isEmpty()) {
            tasks.add(current);
        }
        return tasks;
    }
}
