package io.newsetl.model;

/** The output location cannot be written (not a folder, no permission, no space left). */
public final class OutputException extends NewsEtlException {
    public OutputException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.OUTPUT;
    }
}
