package dev.bulwark.core.host;

import java.io.IOException;
import java.util.List;

/** A command wrote more output than the host keeps; it was killed with every process it started. */
public class CommandOutputTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String stream;
    private final long limit;

    /** {@code command} wrote more than {@code limit} bytes to {@code stream} ({@code stdout} or {@code stderr}). */
    public CommandOutputTooLargeException(List<String> command, String stream, long limit) {
        super("'" + Commands.display(command) + "' wrote more than " + limit + " bytes to " + stream
                + " and was killed (raise the output limit if that much is expected)");
        this.stream = stream;
        this.limit = limit;
    }

    /** {@code stdout} or {@code stderr}. */
    public String stream() {
        return stream;
    }

    /** The limit that was passed, in bytes. */
    public long limit() {
        return limit;
    }
}
