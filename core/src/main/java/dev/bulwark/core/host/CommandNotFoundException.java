package dev.bulwark.core.host;

import java.io.IOException;

/** The program of a command does not exist on the host (or is not executable there). */
public class CommandNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String program;

    /**
     * A missing program.
     *
     * @param program the program as given in the command
     * @param detail  where it was looked for, e.g. the PATH searched
     */
    public CommandNotFoundException(String program, String detail) {
        super(Commands.printable(program) + ": command not found (" + detail + ")");
        this.program = program;
    }

    /** The missing program, as given in the command. */
    public String program() {
        return program;
    }
}
