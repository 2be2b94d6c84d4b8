package io.newsetl.cli;

import io.newsetl.config.JobConfig;
import io.newsetl.output.RunRecord;
import java.util.stream.Collectors;

/** The human summary printed at the end of a run. */
final class RunSummary {

    private RunSummary() {
    }

    static String format(RunRecord run, JobConfig cfg) {
        String seconds = run.getStageSeconds().entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format("%.2f", e.getValue()))
                .collect(Collectors.joining(" "));
        double total = run.getStageSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder b = new StringBuilder();
        b.append(String.format("%nnews-etl run %s  run_date=%s  status=%s%n", run.getRunId(), run.getRunDate(),
                run.getStatus()));
        b.append(String.format("  input            %,d files, %,d bytes from %s%n", run.getInputFiles(), run.getInputBytes(),
                io.newsetl.model.LogSafe.escape(run.getInput())));
        b.append(row("articles", run.getArticles() + " rows", cfg));
        b.append(row("duplicates", String.format("%,d rows (exact %,d, near %,d)", run.getDuplicates(),
                run.getExactDuplicates(), run.getNearDuplicates()), cfg));
        b.append(row("rejects", run.getRejects() + " rows", cfg));
        b.append(row("paragraph_index", run.getBoilerplateParagraphs() + " boilerplate paragraphs", cfg));
        b.append(row("entities", cfg.entities().enabled() ? String.format("%,d mentions", run.getEntities())
                : "off (entities.enabled = false)", cfg));
        b.append(row("runs", "1 row", cfg));
        if (run.getReport() != null) {
            b.append(String.format("  report           %s (stats tables under %s/stats)%n", run.getReport(), cfg.output()));
        }
        b.append(String.format("  balance          %,d input = %,d articles + %,d duplicates + %,d rejects: %s%n",
                run.getInputFiles(), run.getArticles(), run.getDuplicates(), run.getRejects(),
                run.isBalanceOk() ? "OK" : "FAILED"));
        b.append(String.format("  seconds          %s (total %.2f, %.0f files/s)%n", seconds, total,
                total > 0 ? run.getInputFiles() / total : 0.0));
        for (String w : run.getListingWarnings()) {
            b.append("  warning          ").append(w).append('\n');
        }
        return b.toString();
    }

    private static String row(String table, String what, JobConfig cfg) {
        return String.format("  %-16s %s -> %s/%s%n", table, what, cfg.output(), table);
    }
}
