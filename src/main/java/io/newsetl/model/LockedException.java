package io.newsetl.model;

/** Another run holds the output's lock. */
public final class LockedException extends NewsEtlException {
    public LockedException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.LOCKED;
    }
}
