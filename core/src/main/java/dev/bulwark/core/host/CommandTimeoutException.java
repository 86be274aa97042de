package dev.bulwark.core.host;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A command did not finish within its timeout and was killed, with every process it started. */
public class CommandTimeoutException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Duration timeout;

    /** A command that outlived {@code timeout}. */
    public CommandTimeoutException(List<String> command, Duration timeout) {
        super("'" + Commands.display(command) + "' did not finish within " + timeout.toMillis()
                + " ms and was killed");
        this.timeout = timeout;
    }

    /** The timeout the command exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
