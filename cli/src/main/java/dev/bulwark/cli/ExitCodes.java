package dev.bulwark.cli;

/** The exit statuses of {@code bulwark}, for scripts and CI jobs. */
public final class ExitCodes {

    /** Done; for audits, no finding at or above {@code --fail-on}. */
    public static final int OK = 0;
    /** An audit found something at or above {@code --fail-on}. */
    public static final int FINDINGS = 1;
    /** Bad arguments or bad input. */
    public static final int USAGE = 2;
    /** The SSH connection failed: refused, timed out, host key rejected or login failed. */
    public static final int CONNECTION = 3;
    /** A file or command failed. */
    public static final int IO = 4;
    /** A bug: an exception nobody expected. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
