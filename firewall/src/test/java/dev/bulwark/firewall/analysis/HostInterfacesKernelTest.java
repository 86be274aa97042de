package dev.bulwark.firewall.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HostInterfaces#read(Host)} on a real namespace: a public NIC with the default route, a private one, a tunnel-named one. */
@RequiresNetworkNamespaces
@RequiresTool({"ip"})
class HostInterfacesKernelTest {

    @Test
    void readsAndClassesTheInterfacesOfARealNamespace() throws IOException {
        try (NetworkNamespace server = NetworkNamespace.create("hifs");
             NetworkNamespace pub = NetworkNamespace.create("hifp");
             NetworkNamespace priv = NetworkNamespace.create("hifq");
             NetworkNamespace vpn = NetworkNamespace.create("hifv")) {
            String pubEnd = NetworkNamespace.link(server, "198.51.100.1/24", pub, "198.51.100.2/24").get(0);
            String privEnd = NetworkNamespace.link(server, "10.20.0.1/24", priv, "10.20.0.2/24").get(0);
            String vpnEnd = NetworkNamespace.link(server, "10.8.0.1/24", vpn, "10.8.0.2/24").get(0);
            server.execChecked("ip", "link", "set", vpnEnd, "name", "wg0");
            server.execChecked("ip", "link", "set", "wg0", "up");
            server.execChecked("ip", "route", "add", "default", "via", "198.51.100.2");
            HostInterfaces h = HostInterfaces.read(new InNamespace(server));
            assertThat(h.classOf("lo")).isEqualTo(InterfaceClass.LOOPBACK);
            assertThat(h.classOf(pubEnd)).isEqualTo(InterfaceClass.PUBLIC);
            assertThat(h.classOf(privEnd)).isEqualTo(InterfaceClass.PRIVATE);
            assertThat(h.classOf("wg0")).isEqualTo(InterfaceClass.VPN);
            assertThat(h.isLocal(IpAddresses.parse("10.20.0.1"))).contains(true);
            assertThat(h.isLocal(IpAddresses.parse("10.20.0.2"))).contains(false);
            assertThat(h.outgoing(IpAddresses.parse("10.8.0.77"))).contains("wg0");
            assertThat(h.outgoing(IpAddresses.parse("192.0.2.1"))).contains(pubEnd);
        }
    }

    /** Runs commands in a namespace. */
    private record InNamespace(NetworkNamespace ns) implements Host {
        @Override
        public String name() {
            return ns.name();
        }

        @Override
        public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
            return LocalHost.create().run(ns.wrap(command), stdin, timeout);
        }

        @Override
        public byte[] readFile(Path path) throws IOException {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public boolean exists(Path path) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public void writeFile(Path path, byte[] content, FileMode mode) {
            throw new UnsupportedOperationException("not used");
        }
    }
}
