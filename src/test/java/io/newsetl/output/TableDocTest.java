package io.newsetl.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.model.NewsEtlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * src/site/markdown/tables.md documents every column of every table exactly as the code declares it (and nothing
 * else), and the README's exit codes are the code's. Run {@link #main} to print the tables after a schema change.
 */
class TableDocTest {

    private static final Path TABLES = Path.of("src/site/markdown/tables.md");

    /** The markdown table of one declared table: header, separator, one row per column. */
    static List<String> rows(TableSchema t) {
        List<String> out = new ArrayList<>(List.of("| column | type | meaning |", "|---|---|---|"));
        for (Column c : t.columns()) {
            out.add("| `" + c.name() + "` | " + c.type().simpleString() + " | " + c.description() + " |");
        }
        return out;
    }

    /** Each "## `name`" section of the doc and the column table under it. */
    static Map<String, List<String>> documented(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String current = null;
        for (String l : lines) {
            if (l.startsWith("## `") && l.endsWith("`")) {
                current = l.substring(4, l.length() - 1);
                out.put(current, new ArrayList<>());
            } else if (l.startsWith("#")) {
                current = null;
            } else if (current != null && l.startsWith("|")) {
                out.get(current).add(l);
            }
        }
        return out;
    }

    @Test
    void theTablesDocIsTheDeclaredSchemas() throws Exception {
        Map<String, List<String>> doc = documented(Files.readAllLines(TABLES));
        Map<String, List<String>> code = new LinkedHashMap<>();
        for (TableSchema t : TableDdl.tables()) {
            code.put(t.name(), rows(t));
        }
        assertThat(doc.keySet()).containsExactlyInAnyOrderElementsOf(code.keySet());
        code.forEach((name, rows) -> assertThat(doc.get(name)).as("columns of %s in %s", name, TABLES)
                .containsExactlyElementsOf(rows));
    }

    @Test
    void theReadmeListsTheExitCodesOfTheCode() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("| 0 | success |").contains("| 1 | internal error (a bug: the stack trace says where) |");
        for (NewsEtlException.Kind k : NewsEtlException.Kind.values()) {
            assertThat(readme).contains("| " + k.exitCode() + " | " + k.meaning() + " |");
        }
    }

    /** Prints the column tables from the code, for pasting into tables.md after a schema change. */
    public static void main(String[] args) {
        for (TableSchema t : TableDdl.tables()) {
            System.out.println("## `" + t.name() + "`\n");
            rows(t).forEach(System.out::println);
            System.out.println();
        }
    }
}
