package io.streamcast.config;

/**
 * A configuration value or key refused, the message naming the key. An {@link IllegalArgumentException}, so the
 * callers that report bad usage already catch it.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final boolean unreadable;

    ConfigException(String key, String message, boolean unreadable, Throwable cause) {
        super(message, cause);
        this.key = key;
        this.unreadable = unreadable;
    }

    /** The key refused. */
    public String key() {
        return key;
    }

    /** True when the text could not be read as the key's type at all (rather than read and found out of range). */
    public boolean unreadable() {
        return unreadable;
    }
}
