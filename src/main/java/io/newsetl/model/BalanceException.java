package io.newsetl.model;

/** The run failed its balance check; nothing but its runs row was committed. */
public final class BalanceException extends NewsEtlException {
    public BalanceException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.BALANCE;
    }
}
