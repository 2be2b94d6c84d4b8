package io.newsetl.config;

/** A configuration or argument the user must fix; the message says what is wrong and how to fix it. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
