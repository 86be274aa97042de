package dev.bulwark.examples.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.examples.BaselineSpec;
import dev.bulwark.examples.BaselineSpecParser;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The random specs KitLoginTest proves are valid, reproducible, varied, and fit the lab. */
class RandomSpecTest {

    private static final int SEEDS = 1000;

    @Test
    void theSameSeedGivesTheSameSpec() {
        assertThat(RandomSpec.generate(42)).isEqualTo(RandomSpec.generate(42));
        assertThat(RandomSpec.generate(42).text()).isNotEqualTo(RandomSpec.generate(43).text());
    }

    @Test
    void everySpecParsesAndItsAdminClientIsInsideSshsNetworksAndOutsideTheVpn() throws Exception {
        InetAddress outside4 = InetAddress.getByName(KitLab.OUTSIDE_V4);
        InetAddress outside6 = InetAddress.getByName(KitLab.OUTSIDE_V6);
        InetAddress server4 = InetAddress.getByName(RandomSpec.SERVER_V4);
        InetAddress server6 = InetAddress.getByName(KitLab.SERVER_V6);
        for (long seed = 0; seed < SEEDS; seed++) {
            RandomSpec random = RandomSpec.generate(seed);
            BaselineSpec spec = BaselineSpecParser.parse(random.text(), "seed " + seed);
            ExpectedService ssh = spec.effectiveServices().get(0);
            assertThat(ssh.name()).isEqualTo("ssh");
            assertThat(ssh.exposure()).isEqualTo(Exposure.PRIVATE);
            assertThat(ssh.allowedFrom()).as(random.toString()).anyMatch(n -> n.contains(random.inside()));
            assertThat(spec.management().adminSources()).as(random.toString()).anyMatch(n -> n.contains(random.inside()));
            Optional<IpNetwork> vpn = spec.vpnNetwork();
            assertThat(vpn.filter(n -> n.contains(random.inside()))).as(random.toString()).isEmpty();
            for (ExpectedService s : spec.effectiveServices()) {
                for (IpNetwork n : s.allowedFrom()) {
                    assertThat(List.of(outside4, outside6, server4, server6)).as(random.toString())
                            .noneMatch(n::contains);
                }
            }
        }
    }

    @Test
    void theSpecsVaryInWhatTheKitTurnsIntoFirewallsSshdAndWireGuard() {
        List<String> seen = new ArrayList<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            RandomSpec random = RandomSpec.generate(seed);
            BaselineSpec spec = BaselineSpecParser.parse(random.text(), "seed " + seed);
            seen.add(random.inside() instanceof Inet6Address ? "admin over IPv6" : "admin over IPv4");
            seen.add(spec.sshPort() == 22 ? "ssh on 22" : "ssh elsewhere");
            seen.add(spec.peers().isEmpty() ? "no peers" : spec.isMesh() ? "mesh" : "hub and spoke");
            for (ExpectedService s : spec.services()) {
                seen.add(s.exposure().wireName() + " " + s.protocol().wireName());
                if (s.ports().first() != s.ports().last()) {
                    seen.add("a range");
                }
            }
            if (spec.vpnNetwork().isPresent() && spec.sshService().filter(s -> s.allowedFrom()
                    .contains(spec.vpnNetwork().get())).isPresent()) {
                seen.add("ssh from the VPN");
            }
            seen.add(spec.sshService().isPresent() ? "an ssh line" : "ssh left to the kit");
            if (!spec.adminSources().isEmpty()) {
                seen.add("admin-from");
            }
            if (!spec.allowUsers().isEmpty()) {
                seen.add("allow-users");
            }
            if (!spec.allowGroups().isEmpty()) {
                seen.add("allow-groups");
            }
        }
        assertThat(seen).contains("admin over IPv6", "admin over IPv4", "ssh on 22", "ssh elsewhere", "no peers",
                "mesh", "hub and spoke", "public tcp", "public udp", "private tcp", "private udp", "internal tcp",
                "internal udp", "a range", "ssh from the VPN", "an ssh line", "ssh left to the kit", "admin-from",
                "allow-users", "allow-groups");
    }
}
