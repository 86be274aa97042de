package dev.bulwark.firewall.apply;

import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.testing.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A {@link Host} whose commands run inside a test's network namespace ({@code ip netns exec}); files are local. */
public final class NamespaceHost implements Host {

    private final NetworkNamespace namespace;
    private final LocalHost local = LocalHost.create();

    /** A host for {@code namespace}. */
    public NamespaceHost(NetworkNamespace namespace) {
        this.namespace = namespace;
    }

    @Override
    public String name() {
        return "netns " + namespace.name();
    }

    @Override
    public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
        return local.run(namespace.wrap(command), stdin, timeout);
    }

    @Override
    public byte[] readFile(Path path) throws IOException {
        return local.readFile(path);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return local.exists(path);
    }

    @Override
    public void writeFile(Path path, byte[] content, FileMode mode) throws IOException {
        local.writeFile(path, content, mode);
    }
}
