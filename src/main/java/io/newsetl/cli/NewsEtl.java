package io.newsetl.cli;

import io.newsetl.model.NewsEtlException;
import io.newsetl.pipeline.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code news-etl <command> [options]}. Exit codes are documented in the README and in
 * {@link ExitCodes}; user errors print one line, bugs print a stack trace.
 *
 * <pre>{@literal
 * java -jar news-etl-all.jar run --input /data/kbs/2018-05-29 --output /warehouse/news --run-date 2018-05-29
 * }</pre>
 */
@Command(name = "news-etl", mixinStandardHelpOptions = true, versionProvider = NewsEtl.VersionProvider.class,
        description = "Turns raw news-article files into partitioned Parquet tables.",
        subcommands = {RunCommand.class, StatsCommand.class, CompactCommand.class, SqlCommand.class, ReprocessCommand.class, DdlCommand.class, GenerateCommand.class, BenchCommand.class, TrainNerCommand.class, DeriveLexiconCommand.class,
                EvalNerCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n")
public final class NewsEtl {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (for tests and embedding). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new NewsEtl());
        cli.getCommandSpec().usageMessage().exitCodeList(ExitCodes.table());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            int code = ExitCodes.of(e);
            if (code == ExitCodes.INTERNAL) {
                throw e;
            }
            err.println("news-etl: " + e.getMessage());
            err.flush();
            return code;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("news-etl: " + e.getMessage() + " (see --help)");
            err.flush();
            return ExitCodes.USAGE;
        });
        if (args.length == 0) {
            args = new String[] {"run"};
        }
        return cli.execute(args);
    }

    /**
     * Exit codes of the CLI: 0, 1 for a bug, and one per {@link NewsEtlException.Kind} (the one table of failure
     * types and their codes).
     */
    public static final class ExitCodes {
        public static final int OK = 0;
        public static final int INTERNAL = 1;
        public static final int USAGE = NewsEtlException.Kind.CONFIG.exitCode();
        public static final int INPUT_MISSING = NewsEtlException.Kind.INPUT.exitCode();
        public static final int OUTPUT_UNWRITABLE = NewsEtlException.Kind.OUTPUT.exitCode();
        public static final int BALANCE_FAILED = NewsEtlException.Kind.BALANCE.exitCode();
        public static final int LOCKED = NewsEtlException.Kind.LOCKED.exitCode();

        private ExitCodes() {
        }

        static int of(Exception e) {
            return e instanceof NewsEtlException n ? n.kind().exitCode() : INTERNAL;
        }

        /** Code to meaning, for --help. */
        static java.util.Map<String, String> table() {
            java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
            out.put(Integer.toString(OK), "success");
            out.put(Integer.toString(INTERNAL), "internal error (a bug: the stack trace says where)");
            for (NewsEtlException.Kind k : NewsEtlException.Kind.values()) {
                out.put(Integer.toString(k.exitCode()), k.meaning());
            }
            return out;
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"news-etl " + Version.get()};
        }
    }
}
