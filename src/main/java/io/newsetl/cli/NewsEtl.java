package io.newsetl.cli;

import io.newsetl.config.ConfigException;
import io.newsetl.ingest.InputLister;
import io.newsetl.pipeline.NightlyJob;
import io.newsetl.pipeline.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code news-etl <command> [options]}. Exit codes are documented in the README and in
 * {@link ExitCodes}; user errors print one line, bugs print a stack trace.
 *
 * <pre>{@code
 * java -jar news-etl-all.jar run --input /data/kbs/2018-05-29 --output /warehouse/news --run-date 2018-05-29
 * }</pre>
 */
@Command(name = "news-etl", mixinStandardHelpOptions = true, versionProvider = NewsEtl.VersionProvider.class,
        description = "Turns raw news-article files into partitioned Parquet tables.",
        subcommands = {RunCommand.class, StatsCommand.class, DdlCommand.class, GenerateCommand.class, BenchCommand.class, TrainNerCommand.class,
                EvalNerCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:internal error (a bug: the stack trace says where)",
            "2:bad arguments or configuration",
            "3:input missing or unreadable",
            "4:output not writable",
            "5:balance check failed (nothing committed)",
            "6:another run is writing to the same output"})
public final class NewsEtl {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (for tests and embedding). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new NewsEtl());
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

    /** Exit codes of the CLI. */
    public static final class ExitCodes {
        public static final int OK = 0;
        public static final int INTERNAL = 1;
        public static final int USAGE = 2;
        public static final int INPUT_MISSING = 3;
        public static final int OUTPUT_UNWRITABLE = 4;
        public static final int BALANCE_FAILED = 5;
        public static final int LOCKED = 6;

        private ExitCodes() {
        }

        static int of(Exception e) {
            if (e instanceof io.newsetl.output.RunLock.LockedException) {
                return LOCKED;
            }
            if (e instanceof InputLister.InputMissingException) {
                return INPUT_MISSING;
            }
            if (e instanceof NightlyJob.OutputException) {
                return OUTPUT_UNWRITABLE;
            }
            if (e instanceof ConfigException) {
                return USAGE;
            }
            if (e instanceof NightlyJob.BalanceException) {
                return BALANCE_FAILED;
            }
            return INTERNAL;
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"news-etl " + Version.get()};
        }
    }
}
