package dev.bulwark.core.host;

import dev.bulwark.core.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * What a finished command left: its exit code and its captured output, decoded as UTF-8.
 * {@code toString()} gives the command and sizes, not the output.
 *
 * @param command  the program and its arguments
 * @param exitCode the exit status (0 for success; 128 + n when killed by signal n)
 * @param stdout   everything written to standard output
 * @param stderr   everything written to standard error
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    /** Validates and copies the components. */
    public CommandResult {
        command = List.copyOf(command);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        if (command.isEmpty()) {
            throw new ValidationException("empty command");
        }
    }

    /** Whether the command exited with status 0. */
    public boolean isSuccess() {
        return exitCode == 0;
    }

    /**
     * This result if the command succeeded.
     *
     * @throws CommandFailedException naming the command, its status and the start of its stderr
     */
    public CommandResult requireSuccess() throws CommandFailedException {
        if (!isSuccess()) {
            throw new CommandFailedException(this);
        }
        return this;
    }

    @Override
    public String toString() {
        return "CommandResult[" + Commands.display(command) + " exited " + exitCode + ", stdout "
                + stdout.length() + " chars, stderr " + stderr.length() + " chars]";
    }
}
