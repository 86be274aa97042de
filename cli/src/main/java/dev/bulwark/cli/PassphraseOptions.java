package dev.bulwark.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * Where a passphrase comes from: an environment variable, a file (its first line), or a prompt on
 * the terminal. Never an argument: argv is visible to every user of the machine ({@code ps}).
 */
public final class PassphraseOptions {

    @Option(names = "--passphrase-env", paramLabel = "VAR",
            description = "Read the passphrase from the environment variable VAR.")
    private String environmentVariable;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Read the passphrase from the first line of FILE (keep it 0600).")
    private Path file;

    /** Whether a source other than the terminal was named. */
    public boolean given() {
        return environmentVariable != null || file != null;
    }

    /**
     * The passphrase; the caller wipes it.
     *
     * @param purpose what it protects, for the prompt ("the CA key")
     * @param confirm whether a prompt asks twice (for a new secret)
     * @throws UsageException when no source is given and there is no terminal, or the source is empty
     */
    public char[] read(String purpose, boolean confirm) throws IOException {
        if (environmentVariable != null && file != null) {
            throw new UsageException("give either --passphrase-env or --passphrase-file, not both");
        }
        if (environmentVariable != null) {
            return fromEnvironment(environmentVariable, "--passphrase-env");
        }
        if (file != null) {
            byte[] bytes = Files.readAllBytes(file);
            try {
                CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes));
                int end = 0;
                while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                    end++;
                }
                char[] line = new char[end];
                chars.get(line, 0, end);
                Arrays.fill(chars.array(), '\0');
                return nonEmpty(line, file.toString());
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new UsageException("no passphrase for " + purpose + ": give --passphrase-env VAR or --passphrase-file FILE"
                    + (purpose.startsWith("the key ") ? " (or --identity-passphrase-env VAR)" : "")
                    + ", or run in a terminal to be asked");
        }
        char[] first = console.readPassword("Passphrase for %s: ", purpose);
        if (first == null) {
            throw new UsageException("no passphrase entered");
        }
        if (confirm) {
            char[] again = console.readPassword("Again: ");
            boolean same = again != null && Arrays.equals(first, again);
            if (again != null) {
                Arrays.fill(again, '\0');
            }
            if (!same) {
                Arrays.fill(first, '\0');
                throw new UsageException("the two passphrases differ");
            }
        }
        return nonEmpty(first, "the prompt");
    }

    /**
     * The passphrase in the environment variable {@code name}; the caller wipes it.
     *
     * @param option the option that named the variable, for the message
     * @throws UsageException when the variable is not set or empty
     */
    static char[] fromEnvironment(String name, String option) {
        String value = System.getenv(name);
        if (value == null) {
            throw new UsageException(option + ": the environment variable '" + Errors.oneLine(name) + "' is not set");
        }
        return nonEmpty(value.toCharArray(), "the environment variable " + name);
    }

    /** Where {@link #read} takes the passphrase from, for messages: the variable, the file, or the prompt. */
    String source() {
        return environmentVariable != null ? "the environment variable " + environmentVariable
                : file != null ? file.toString() : "the prompt";
    }

    private static char[] nonEmpty(char[] passphrase, String source) {
        if (passphrase.length == 0) {
            throw new UsageException("the passphrase from " + Errors.oneLine(source) + " is empty");
        }
        return passphrase;
    }
}
