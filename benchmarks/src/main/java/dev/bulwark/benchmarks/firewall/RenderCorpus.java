package dev.bulwark.benchmarks.firewall;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.FirewallPolicyBuilder;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.Ports;
import dev.bulwark.firewall.Rule;
import dev.bulwark.firewall.render.IptablesRenderer;
import dev.bulwark.firewall.render.NftablesRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A policy of {@code n} distinct rules for the render benchmark: allow, deny and reject rules
 * and (one in fifty) limit rules over TCP and UDP, IPv4 and IPv6 sources, single ports, ranges and port lists, with
 * comments. {@code main} writes its iptables-restore and nft files, for the comparison script.
 */
public final class RenderCorpus {

    private RenderCorpus() {
    }

    /** The policy of {@code n} rules (deterministic). */
    public static FirewallPolicy policy(int n) {
        FirewallPolicyBuilder b = FirewallPolicy.builder();
        for (int i = 0; i < n; i++) {
            int port = 1024 + i % 60_000;
            IpNetwork source = i % 4 == 3
                    ? IpNetwork.parse("2001:db8:" + Integer.toHexString(i >> 16 & 0xffff) + ":" + Integer.toHexString(i & 0xffff) + "::/64")
                    : IpNetwork.parse("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + "/32");
            switch (i % 50 == 49 ? 4 : i % 4) {
                case 0:
                    b.rule(Rule.allow().protocol(Protocol.TCP).port(port).from(source).comment("service " + i).build());
                    break;
                case 1:
                    b.rule(Rule.deny().protocol(Protocol.UDP).ports(Ports.range(port, port + 5)).from(source).build());
                    break;
                case 2:
                    b.rule(Rule.reject().protocol(Protocol.TCP).ports(Ports.of(port, port + 7, port + 9)).from(source)
                            .comment("reject " + i).build());
                    break;
                case 3:
                    b.rule(Rule.allow().port(port).from(source).build());
                    break;
                default:
                    b.rule(Rule.limit().protocol(Protocol.TCP).port(port).from(source).comment("limit " + i).build());
            }
        }
        return b.build();
    }

    /** Writes {@code <dir>/rules-<n>.v4} (iptables-restore) and {@code <dir>/rules-<n>.nft}: args dir, n. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        FirewallPolicy policy = policy(n);
        Files.writeString(dir.resolve("rules-" + n + ".v4"), IptablesRenderer.standard().render(policy, IpVersion.IPV4));
        Files.writeString(dir.resolve("rules-" + n + ".nft"), NftablesRenderer.standard().render(policy));
    }
}
