package io.newsetl.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README documents every column of every table, with the type and meaning declared in code. */
class SchemaDocTest {

    @Test
    void readmeListsEveryDeclaredColumn() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (TableSchema t : TableDdl.tables()) {
            assertThat(readme).as("README section for table " + t.name()).contains("### `" + t.name() + "`");
            for (Column c : t.columns()) {
                String row = "| `" + c.name() + "` | " + c.type().simpleString() + " | " + c.description() + " |";
                assertThat(readme).as("README row of %s.%s", t.name(), c.name()).contains(row);
            }
        }
    }

    /** Prints the README tables from the code, for pasting after a schema change. */
    public static void main(String[] args) {
        for (TableSchema t : TableDdl.tables()) {
            System.out.println("### `" + t.name() + "`\n");
            System.out.println(t.partitionColumn() == null ? "Not partitioned.\n"
                    : "Partitioned by `" + t.partitionColumn() + "`.\n");
            System.out.println("| column | type | meaning |\n|---|---|---|");
            for (Column c : t.columns()) {
                System.out.println("| `" + c.name() + "` | " + c.type().simpleString() + " | " + c.description() + " |");
            }
            System.out.println();
        }
    }
}
