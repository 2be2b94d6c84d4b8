package io.newsetl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainNerCommandTest {

    @TempDir
    Path dir;

    @Test
    void readsUnlabelledTextOfEveryFileDecodedAndSplitIntoSentences() throws Exception {
        Files.createDirectories(dir.resolve("sport"));
        Files.write(dir.resolve("sport/1.txt"), "Café owners met in Paris.\n\nTalks resume on Monday. Kim left."
                .getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("2.txt"), "서울 news");
        List<List<String>> s = TrainNerCommand.unlabelledSentences(List.of(dir));
        assertThat(s).containsExactly(List.of("서울", "news"), List.of("Café", "owners", "met", "in", "Paris", "."),
                List.of("Talks", "resume", "on", "Monday", "."), List.of("Kim", "left", "."));
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> TrainNerCommand.unlabelledSentences(List.of(dir.resolve("nope"))))
                .hasMessageContaining("Cannot read unlabelled text").hasMessageContaining("does not exist");
    }
}
