package dev.bulwark.cli;

/**
 * Bad input that is not a parse error of a file: a missing option, a file that does not exist, a
 * passphrase that cannot be read. Exit status {@link ExitCodes#USAGE}; the message is shown as it is.
 */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An input error with a message for the user. */
    public UsageException(String message) {
        super(message);
    }
}
