package dev.bulwark.cli;

import java.io.IOException;

/** The SSH connection to a target failed (exit status {@link ExitCodes#CONNECTION}). */
public final class ConnectionException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A connection failure whose message says which target and why. */
    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
