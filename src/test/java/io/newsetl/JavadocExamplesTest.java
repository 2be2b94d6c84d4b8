package io.newsetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example in the Javadoc ({@code <pre>{@code ...}</pre>} blocks of src/main/java) compiles against the
 * code: each becomes the body of a method in the package of its class, with that class's imports and a few givens
 * (fields such as {@code spark}, {@code cfg}, {@code articles}) standing for what the example assumes. Examples that
 * are not Java (a shell command, a sample file) are written as {@code <pre>{@literal ...}</pre>} instead.
 */
class JavadocExamplesTest {

    private static final Pattern BLOCK = Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* }</pre>", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("^import [^;]+;$", Pattern.MULTILINE);

    /** What examples may use without declaring it. */
    private static final String GIVENS = String.join("\n",
            "org.apache.spark.sql.SparkSession spark;",
            "io.newsetl.config.JobConfig cfg;",
            "org.apache.hadoop.conf.Configuration conf;",
            "org.apache.hadoop.conf.Configuration hadoopConf;",
            "org.apache.spark.sql.Dataset<io.newsetl.model.Document> articles;",
            "org.apache.spark.sql.Dataset<io.newsetl.model.Document> parsed;",
            "org.apache.spark.sql.Dataset<io.newsetl.model.Document> tonight;",
            "org.apache.spark.sql.Dataset<io.newsetl.model.Document> rejects;",
            "org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> historyArticles;",
            "org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> historyIndex;",
            "io.newsetl.dedup.CorpusDedup.Settings settings;",
            "java.time.LocalDate runDate;",
            "io.newsetl.ingest.InputLister.Listing listing;",
            "io.newsetl.ingest.RawDocument raw;",
            "io.newsetl.parse.FormatDetector detector;",
            "java.nio.file.Path path;",
            "java.nio.file.Path out;",
            "java.io.InputStream in;",
            "String text;",
            "byte[] pngBytes;",
            "java.util.List<io.newsetl.ingest.InputFile> files;",
            "io.newsetl.entities.EntityTagger tagger;",
            "io.newsetl.entities.tagger.LinearChainModel model;",
            "io.newsetl.entities.tagger.Lexicon lexicon;",
            "io.newsetl.entities.tagger.PhraseSet dictionary;",
            "java.util.List<opennlp.tools.util.Span> goldSpans;",
            "java.util.List<opennlp.tools.util.Span> predictedSpans;",
            "java.util.List<String[]> tokensPerSentence;",
            "java.util.List<java.util.List<opennlp.tools.util.Span>> spansPerSentence;",
            "org.apache.hadoop.fs.Path dir;");

    private static final String COMMON_IMPORTS = String.join("\n",
            "import java.util.*;", "import java.nio.file.*;", "import java.time.*;",
            "import java.nio.charset.StandardCharsets;", "import static java.nio.charset.StandardCharsets.*;",
            "import org.apache.spark.sql.Dataset;", "import org.apache.spark.sql.Row;",
            "import org.apache.spark.sql.SparkSession;");

    record Example(Path source, int index, String pkg, String imports, String code) {
        String className() {
            return "Example_" + source.getFileName().toString().replace(".java", "") + "_" + index;
        }

        String unit() {
            return "package " + pkg + ";\n" + imports + "\n" + COMMON_IMPORTS + "\n"
                    + "@SuppressWarnings(\"all\")\nclass " + className() + " {\n" + GIVENS + "\n"
                    + "void example() throws Exception {\n" + code + "\n}\n}\n";
        }
    }

    static List<Example> examples() throws IOException {
        List<Example> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String s = Files.readString(f);
                Matcher pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(s);
                if (!pkg.find()) {
                    continue;
                }
                StringBuilder imports = new StringBuilder();
                Matcher im = IMPORT.matcher(s);
                while (im.find()) {
                    imports.append(im.group()).append('\n');
                }
                Matcher m = BLOCK.matcher(s);
                int i = 0;
                while (m.find()) {
                    StringBuilder code = new StringBuilder();
                    for (String line : m.group(1).split("\n")) {
                        String l = line.startsWith(" * ") ? line.substring(3) : line.replaceFirst("^ \\*", "");
                        code.append(l.replace("&#47;", "/").replace("&#64;", "@")).append('\n');
                    }
                    out.add(new Example(f, i++, pkg.group(1), imports.toString(), code.toString()));
                }
            }
        }
        return out;
    }

    @Test
    void everyJavadocExampleCompiles(@TempDir Path classes) throws IOException {
        List<Example> examples = examples();
        assertThat(examples).hasSizeGreaterThan(40);
        List<JavaFileObject> units = new ArrayList<>();
        for (Example e : examples) {
            units.add(new SimpleJavaFileObject(URI.create("string:///" + e.pkg().replace('.', '/') + "/"
                    + e.className() + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return e.unit();
                }
            });
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        boolean ok = javac.getTask(new StringWriter(), null, diagnostics,
                List.of("-classpath", classpath, "-d", classes.toString(), "-proc:none", "-nowarn", "--release", "17"),
                null, units).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
        }
        assertThat(errors).as("Javadoc examples that do not compile").isEmpty();
        assertThat(ok).isTrue();
    }
}
