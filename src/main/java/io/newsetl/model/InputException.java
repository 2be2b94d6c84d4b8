package io.newsetl.model;

/** The input location does not exist or cannot be listed or read. */
public final class InputException extends NewsEtlException {
    public InputException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.INPUT;
    }
}
