package dev.bulwark.ssh.internal.wire;

/**
 * Binary SSH data is malformed. Internal: callers turn it into a positioned
 * {@link dev.bulwark.core.ParseException}. Messages never contain the data itself.
 */
public final class WireException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A malformed-data failure with a message that does not quote the data. */
    public WireException(String message) {
        super(message, null, false, false);
    }
}
