package io.newsetl.model;

/**
 * A failure the user can act on: bad configuration, missing input, an output that cannot be written, a failed
 * balance, another run holding the lock. Each type is one {@link Kind}, and each kind one exit code: this enum is
 * the one table the command line, its help and the docs use. Anything else that escapes a command is a bug (exit
 * 1, with its stack trace).
 *
 * <pre>{@code
 * try {
 *     throw new InputException("Cannot read input: /data/kbs does not exist.");
 * } catch (NewsEtlException e) {
 *     int code = e.kind().exitCode();  // 3
 * }
 * }</pre>
 */
public abstract sealed class NewsEtlException extends RuntimeException
        permits ConfigException, InputException, OutputException, BalanceException, LockedException {

    /** The kinds of failure and their exit codes. */
    public enum Kind {
        CONFIG(2, "bad arguments or configuration (one line says what and how to fix it)"),
        INPUT(3, "input missing or unreadable"),
        OUTPUT(4, "output not writable, or out of space (nothing of the run committed)"),
        BALANCE(5, "balance check failed (nothing but the runs row committed)"),
        LOCKED(6, "another run is writing to the same output (its _lock file)");

        private final int exitCode;
        private final String meaning;

        Kind(int exitCode, String meaning) {
            this.exitCode = exitCode;
            this.meaning = meaning;
        }

        public int exitCode() {
            return exitCode;
        }

        public String meaning() {
            return meaning;
        }
    }

    protected NewsEtlException(String message) {
        super(message);
    }

    public abstract Kind kind();
}
