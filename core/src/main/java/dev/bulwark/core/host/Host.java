package dev.bulwark.core.host;

import dev.bulwark.core.io.FileMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A machine that commands run on and files are read from and written to: this one
 * ({@link LocalHost}) or, through the ssh module, a remote one. Audits take a {@code Host} so that
 * the same code checks the local machine or a server over SSH.
 *
 * <p>What every implementation guarantees:
 * <ul>
 *   <li>A command is an argument list; it is never given to a shell, so no argument is ever
 *       re-split or expanded. (A remote implementation must quote each argument for the remote
 *       shell.)</li>
 *   <li>Commands run in the C locale ({@code LC_ALL=C}), so tool output does not depend on the
 *       user's language.</li>
 *   <li>stdout and stderr are captured concurrently, so a command that writes much to both never
 *       blocks; stdin is fed concurrently too. Each stream is kept up to the implementation's
 *       output limit (64 MiB by default); a command that writes more is killed at once and
 *       {@link CommandOutputTooLargeException} is thrown, and a failing reader is reported at once.</li>
 *   <li>A command that has not finished within its timeout is killed with everything it started,
 *       and {@link CommandTimeoutException} is thrown.</li>
 *   <li>A missing executable gives {@link CommandNotFoundException} naming it; a non-zero exit is
 *       not an exception but a {@link CommandResult} (see {@link CommandResult#requireSuccess()}).</li>
 *   <li>{@link #writeFile} is atomic and sets the mode at creation, as
 *       {@link dev.bulwark.core.io.SafeFiles} does.</li>
 * </ul>
 * Paths are paths on that host and should be absolute. Never put a secret in a command's
 * arguments (other users see them in {@code ps}, and failure messages quote them): feed it on stdin.
 *
 * <pre>{@code
 * Host host = LocalHost.create();
 * String listening = host.run(List.of("ss", "-plunt"), Duration.ofSeconds(10)).requireSuccess().stdout();
 * }</pre>
 */
public interface Host {

    /** A name for the host in reports and messages, such as its host name. */
    String name();

    /**
     * Runs {@code command} with empty stdin and waits for it.
     *
     * @param command the program and its arguments, not empty
     * @param timeout how long the command may take before it is killed
     * @return the exit code and the captured output, whatever the exit code
     * @throws CommandNotFoundException when the program does not exist
     * @throws CommandTimeoutException  when the command took longer than {@code timeout}
     * @throws IOException              when the command cannot be run or the connection fails
     */
    default CommandResult run(List<String> command, Duration timeout) throws IOException {
        return run(command, new byte[0], timeout);
    }

    /**
     * Runs {@code command}, feeding it {@code stdin}, and waits for it.
     *
     * @param command the program and its arguments, not empty
     * @param stdin   the bytes the command reads on its standard input (which is then closed)
     * @param timeout how long the command may take before it is killed
     * @return the exit code and the captured output, whatever the exit code
     * @throws CommandNotFoundException when the program does not exist
     * @throws CommandTimeoutException  when the command took longer than {@code timeout}
     * @throws IOException              when the command cannot be run or the connection fails
     */
    CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException;

    /**
     * The whole content of a file.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws IOException                       when it cannot be read
     */
    byte[] readFile(Path path) throws IOException;

    /** The whole content of a file as UTF-8 text (malformed bytes become U+FFFD). */
    default String readString(Path path) throws IOException {
        return new String(readFile(path), StandardCharsets.UTF_8);
    }

    /** Whether a file or directory exists at {@code path} (following symbolic links). */
    boolean exists(Path path) throws IOException;

    /**
     * Atomically replaces (or creates) a file with {@code content}, created with {@code mode}; on
     * failure the old file is intact. Owner-only modes refuse symbolic links, as in
     * {@link dev.bulwark.core.io.SafeFiles}.
     */
    void writeFile(Path path, byte[] content, FileMode mode) throws IOException;
}
