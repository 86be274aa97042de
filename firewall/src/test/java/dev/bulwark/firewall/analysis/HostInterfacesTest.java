package dev.bulwark.firewall.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The host's interfaces as {@code ip -j addr} and {@code ip -j route} describe them, and their classes. */
class HostInterfacesTest {

    private static String golden(String scenario, String file) throws IOException {
        try (InputStream in = HostInterfacesTest.class.getResourceAsStream("golden/" + scenario + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void classesComeFromRoutesAddressesAndNames() throws IOException {
        HostInterfaces h = HostInterfaces.parse(golden("docker-iptables", "ip-j-addr.json"),
                golden("docker-iptables", "ip-j-route.json"));
        assertThat(h.interfaces()).extracting(HostInterface::name, HostInterface::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lo", InterfaceClass.LOOPBACK),
                org.assertj.core.groups.Tuple.tuple("eth0", InterfaceClass.PUBLIC),      // the default route
                org.assertj.core.groups.Tuple.tuple("eth1", InterfaceClass.PRIVATE),     // private addresses only
                org.assertj.core.groups.Tuple.tuple("wg0", InterfaceClass.VPN),          // by name
                org.assertj.core.groups.Tuple.tuple("docker0", InterfaceClass.CONTAINER),
                // the container's bridge port: dockerd names it veth + random hex, so the name changes per capture
                org.assertj.core.groups.Tuple.tuple(h.interfaces().get(5).name(), InterfaceClass.CONTAINER));
        assertThat(h.interfaces().get(5).name()).matches("veth[0-9a-f]{7}");
        assertThat(h.known()).isTrue();
        assertThat(h.isLocal(IpAddresses.parse("10.20.0.1"))).contains(true);
        assertThat(h.isLocal(IpAddresses.parse("172.17.0.2"))).contains(false);
        assertThat(h.outgoing(IpAddresses.parse("172.17.0.2"))).contains("docker0");
        assertThat(h.outgoing(IpAddresses.parse("8.8.8.8"))).contains("eth0");
        assertThat(h.get("eth1").orElseThrow().networks()).contains(IpNetwork.parse("10.20.0.0/24"));
    }

    @Test
    void aTunnelWithoutALinkLayerIsAVpnAndTheCallerCanReclassAnInterface() {
        String addr = "[{\"ifname\":\"vpn-office\",\"link_type\":\"none\",\"addr_info\":[{\"family\":\"inet\","
                + "\"local\":\"10.9.0.1\",\"prefixlen\":24}]},{\"ifname\":\"ens4\",\"link_type\":\"ether\","
                + "\"addr_info\":[{\"family\":\"inet\",\"local\":\"203.0.113.9\",\"prefixlen\":24}]}]";
        HostInterfaces h = HostInterfaces.parse(addr);
        assertThat(h.classOf("vpn-office")).isEqualTo(InterfaceClass.VPN);
        assertThat(h.classOf("ens4")).isEqualTo(InterfaceClass.PUBLIC);
        assertThat(h.withClass("ens4", InterfaceClass.PRIVATE).classOf("ens4")).isEqualTo(InterfaceClass.PRIVATE);
    }

    @Test
    void withoutAMapNamesAreClassedByConventionAndLocalityIsUnknown() {
        HostInterfaces h = HostInterfaces.conventional();
        assertThat(h.known()).isFalse();
        assertThat(List.of("lo", "wg0", "tun3", "docker0", "br-1a2b", "veth9", "eth0", "enp3s0"))
                .extracting(h::classOf).containsExactly(InterfaceClass.LOOPBACK, InterfaceClass.VPN, InterfaceClass.VPN,
                        InterfaceClass.CONTAINER, InterfaceClass.CONTAINER, InterfaceClass.CONTAINER, InterfaceClass.PUBLIC,
                        InterfaceClass.PUBLIC);
        assertThat(h.isLocal(IpAddresses.parse("192.0.2.1"))).isEqualTo(Optional.empty());
        assertThat(h.isLocal(IpAddresses.parse("127.0.0.1"))).contains(true);
    }

    @Test
    void refusesWhatIpDoesNotPrintAndNamesNoDeviceCanHave() {
        assertThatThrownBy(() -> HostInterfaces.parse("{\"ifname\":\"eth0\"}"))
                .isInstanceOf(ParseException.class).hasMessageContaining("expected a JSON array of interfaces");
        assertThatThrownBy(() -> HostInterfaces.parse("[{\"ifname\":\"eth0\""))
                .isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> HostInterface.of("eth0\nCOMMIT", InterfaceClass.PUBLIC))
                .isInstanceOf(ValidationException.class)
                .hasMessage("interface name 'eth0?COMMIT' is not a Linux device name (1-15 printable characters, no '/' or space)");
        assertThatThrownBy(() -> HostInterfaces.of(List.of(HostInterface.of("eth0", InterfaceClass.PUBLIC),
                HostInterface.of("eth0", InterfaceClass.PRIVATE)))).isInstanceOf(ValidationException.class)
                .hasMessage("interface 'eth0' is given twice");
    }
}
