package io.newsetl.model;

/** A configuration or argument the user must fix; the message says what is wrong and how to fix it. */
public final class ConfigException extends NewsEtlException {
    public ConfigException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.CONFIG;
    }
}
