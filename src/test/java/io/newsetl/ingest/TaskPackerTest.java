package io.newsetl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskPackerTest {

    @Test
    void taskCountFollowsBytesNotFiles() {
        List<InputFile> files = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            files.add(new InputFile("file:/in/" + i, 3_000));
        }
        List<List<InputFile>> tasks = TaskPacker.pack(files, 64L << 20, 8192, 2);
        // 100k × (3,000 + 8,192) bytes ≈ 1.1 GB → 17 tasks of 64 MB.
        assertThat(tasks).hasSize(17);
        assertThat(tasks.stream().mapToInt(List::size).sum()).isEqualTo(100_000);
        assertThat(tasks.get(0).get(0).getPath()).isEqualTo("file:/in/0");
    }

    @Test
    void smallInputsStillUseEveryCoreAndKeepOrder() {
        List<InputFile> files = List.of(new InputFile("a", 10), new InputFile("b", 10), new InputFile("c", 10),
                new InputFile("d", -1));
        List<List<InputFile>> tasks = TaskPacker.pack(files, 64L << 20, 0, 2);
        assertThat(tasks).hasSize(2);
        assertThat(tasks.stream().flatMap(List::stream).map(InputFile::getPath)).containsExactly("a", "b", "c", "d");
    }
}
