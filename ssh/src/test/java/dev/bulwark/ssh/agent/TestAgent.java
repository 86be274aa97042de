package dev.bulwark.ssh.agent;

import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real {@code ssh-agent -D -a dir/agent.sock} owned by a test (test support): started in the
 * foreground, ready once it has printed its environment (it binds the socket first), stopped by
 * {@link #close()}. Needs {@code @RequiresTool({"ssh-agent", "ssh-add"})}.
 */
public final class TestAgent implements AutoCloseable {

    private final Process process;
    private final Path socket;
    private final Path dir;

    private TestAgent(Process process, Path socket, Path dir) {
        this.process = process;
        this.socket = socket;
        this.dir = dir;
    }

    /** Starts an agent with its socket in {@code dir}. */
    public static TestAgent start(Path dir) throws IOException {
        Path socket = dir.resolve("agent.sock");
        Process p = new ProcessBuilder(Tools.path("ssh-agent"), "-D", "-a", socket.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("SSH_AUTH_SOCK=" + socket)) {
            p.destroyForcibly();
            throw new IOException("ssh-agent did not start: " + first);
        }
        return new TestAgent(p, socket, dir);
    }

    /** The agent's socket. */
    public Path socket() {
        return socket;
    }

    /** Writes {@code key} to a 0600 file (Bulwark's writer) and loads it with {@code ssh-add}; returns the file. */
    public Path add(SshKeyPair key, String fileName) throws IOException {
        Path file = dir.resolve(fileName);
        key.write(file, null);
        add(file);
        return file;
    }

    /** Loads a private key file (and its {@code -cert.pub} when present) with {@code ssh-add}. */
    public void add(Path privateKeyFile) {
        ToolRun.run(Map.of("SSH_AUTH_SOCK", socket.toString()), List.of(Tools.path("ssh-add"), privateKeyFile.toString()))
                .ok();
    }

    /** What {@code ssh-add -L} lists. */
    public String list() {
        return ToolRun.run(Map.of("SSH_AUTH_SOCK", socket.toString()), List.of(Tools.path("ssh-add"), "-L")).ok();
    }

    /** Stops the agent process this fixture started. */
    @Override
    public void close() {
        ToolRun.stop(process);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // the temporary directory goes away with the test
        }
    }
}
