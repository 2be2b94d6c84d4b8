package io.newsetl.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsetl.config.ConfigLoader;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.testing.SharedData;
import io.newsetl.testing.SparkStageTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a reader sees it: headless Chromium opens it, a screenshot is taken, and the check fails on a
 * broken image, a script in the page or a script error. A title {@code <script>alert(1)</script>} in the corpus
 * must show as text. Needs Debian's chromium (.ci/run installs it).
 */
class ReportBrowserIT extends SparkStageTest {

    private static final String CHROMIUM = "/usr/bin/chromium";

    @Test
    void reportOpensWithEveryImageAndNoScript(@TempDir Path dir) throws Exception {
        assertThat(Path.of(CHROMIUM)).as("Debian chromium (apt-get install chromium), installed by .ci/run").exists();
        Path corpus = dir.resolve("corpus");
        io.newsetl.testing.Trees.copy(SharedData.sampleCorpus(), corpus);
        Files.createDirectories(corpus.resolve("2021/03/10"));
        Files.writeString(corpus.resolve("2021/03/10/hostile-title.txt"), " date 2021-03-10 "
                + "<script>alert(1)</script> News Today 입력 2021.03.10 (10:00) 수정 2021.03.10 (10:05)\n\n"
                + "A body paragraph long enough to be an article about the hostile title test in Seoul.\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        NightlyJob.run(spark(), ConfigLoader.load(null, Map.of("input", corpus.toString(), "output", out.toString(),
                "run-date", "2021-03-10")));
        Path report = out.resolve("report/news-etl-report.html");
        assertThat(Files.readString(report)).contains("&lt;script&gt;alert(1)&lt;/script&gt;");

        Path harness = out.resolve("report/check.html");
        Files.writeString(harness, """
                <!DOCTYPE html><html><head><title>pending</title></head><body>
                <iframe id="r" src="news-etl-report.html" style="width:1000px;height:4000px"></iframe>
                <script>
                var f = document.getElementById('r');
                f.addEventListener('load', function () {
                  var d = f.contentDocument;
                  var imgs = Array.prototype.slice.call(d.images);
                  var broken = imgs.filter(function (i) { return !(i.complete && i.naturalWidth > 0); }).length;
                  var p = document.createElement('pre');
                  p.id = 'result';
                  p.textContent = 'RESULT images=' + imgs.length + ' broken=' + broken
                      + ' scripts=' + d.getElementsByTagName('script').length
                      + ' escaped=' + (d.body.innerText.indexOf('<script>alert(1)<\\/script>') >= 0) + ' END';
                  document.body.appendChild(p);
                });
                </script></body></html>
                """);
        Chrome dom = chromium(dir, "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom",
                harness.toUri().toString());
        Matcher m = Pattern.compile("RESULT images=(\\d+) broken=(\\d+) scripts=(\\d+) escaped=(\\w+) END").matcher(dom.out());
        assertThat(m.find()).as("harness result in:\n%s\n%s", dom.out(), dom.err()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("images").isGreaterThanOrEqualTo(8);
        assertThat(m.group(2)).as("broken images").isEqualTo("0");
        assertThat(m.group(3)).as("script elements in the report").isEqualTo("0");
        assertThat(m.group(4)).as("hostile title shown as text").isEqualTo("true");
        assertThat(dom.err()).as("script errors").doesNotContain("Uncaught");

        Path png = dir.resolve("report.png");
        Chrome shot = chromium(dir, "--window-size=1000,4000", "--screenshot=" + png, report.toUri().toString());
        assertThat(png).as("screenshot; chromium said:\n%s", shot.err()).exists();
        assertThat(Files.size(png)).isGreaterThan(50_000);
        assertThat(shot.err()).doesNotContain("Uncaught");
    }

    private record Chrome(String out, String err) {
    }

    private static Chrome chromium(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--enable-logging=stderr", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile")));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(err));
        }
        return new Chrome(Files.readString(out), Files.readString(err));
    }

}
