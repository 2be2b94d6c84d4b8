package io.newsetl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputListerTest {

    @Test
    void listsSortedWithTheSharedDirectoryAsRoot(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("corpus");
        for (String f : List.of("mirror/b.txt", "2018/05/29/a.txt", "2018/05/2/c.txt")) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.writeString(root.resolve(f), "x");
        }
        InputLister.Listing l = InputLister.list(root.toString(), new Configuration());
        assertThat(l.files()).extracting(InputFile::getPath).containsExactly(
                "file:" + root + "/2018/05/2/c.txt", "file:" + root + "/2018/05/29/a.txt", "file:" + root + "/mirror/b.txt");
        assertThat(l.commonRoot()).isEqualTo("file:" + root + "/");
        assertThat(l.totalBytes()).isEqualTo(3);
    }

    @Test
    void theRootEndsAtADirectoryNotInsideAName() {
        InputLister.Listing l = new InputLister.Listing(List.of(new InputFile("file:/in/2018/a1.txt", 1),
                new InputFile("file:/in/2018/a2.txt", 1)), List.of());
        assertThat(l.commonRoot()).isEqualTo("file:/in/2018/");
        assertThat(new InputLister.Listing(List.of(), List.of()).commonRoot()).isEmpty();
        assertThat(new InputLister.Listing(List.of(new InputFile("file:/in/a.txt", 1)), List.of()).commonRoot())
                .isEqualTo("file:/in/");
    }

    @Test
    void includeAndExcludeGlobsChooseTheInputFiles(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("bbc");
        for (String f : List.of("README.TXT", "sport/001.txt", "tech/002.txt", "tech/notes.md", "tech/old/003.txt.gz")) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.writeString(root.resolve(f), "x");
        }
        InputLister.Filter noReadme = new InputLister.Filter(List.of(), List.of("README*"));
        assertThat(InputLister.list(root.toString(), new Configuration(), noReadme).files())
                .extracting(f -> f.getPath().substring(f.getPath().indexOf("/bbc/") + 5))
                .containsExactly("sport/001.txt", "tech/002.txt", "tech/notes.md", "tech/old/003.txt.gz");
        InputLister.Filter articles = new InputLister.Filter(List.of("*.txt", "*.txt.gz"), List.of("README*", "tech/old/**"));
        assertThat(InputLister.list(root.toString(), new Configuration(), articles).files())
                .extracting(f -> f.getPath().substring(f.getPath().indexOf("/bbc/") + 5))
                .containsExactly("sport/001.txt", "tech/002.txt");
        // A glob input is matched relative to its folder part.
        assertThat(InputLister.list(root + "/*/*.txt", new Configuration(),
                new InputLister.Filter(List.of("sport/*"), List.of())).files()).hasSize(1);
        assertThat(InputLister.Filter.ALL.accepts("anything/at/all")).isTrue();
    }
}
