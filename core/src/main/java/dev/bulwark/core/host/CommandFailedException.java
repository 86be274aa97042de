package dev.bulwark.core.host;

import java.io.IOException;

/** A command exited with a non-zero status where success was required. */
public class CommandFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient CommandResult result;

    /** A failure of the command that produced {@code result}. */
    public CommandFailedException(CommandResult result) {
        super(message(result));
        this.result = result;
    }

    private static String message(CommandResult result) {
        String message = "'" + Commands.display(result.command()) + "' exited with status " + result.exitCode();
        String stderr = result.stderr().strip();
        return stderr.isEmpty() ? message : message + ": " + Commands.printable(stderr);
    }

    /** The failed command's result, with its full output. */
    public CommandResult result() {
        return result;
    }
}
