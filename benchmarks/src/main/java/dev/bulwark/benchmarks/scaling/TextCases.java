package dev.bulwark.benchmarks.scaling;

import dev.bulwark.core.net.Endpoint;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.ServiceNames;
import dev.bulwark.core.updates.AptOrigin;
import dev.bulwark.examples.BaselineSpecParser;
import dev.bulwark.ssh.authorized.AuthorizedKeyOptions;
import dev.bulwark.ssh.fail2ban.Fail2banConfig;
import dev.bulwark.ssh.knownhosts.HostPattern;
import dev.bulwark.vpn.openvpn.OpenVpnStaticKey;
import dev.bulwark.vpn.openvpn.OpenVpnTlsCryptV2Key;
import dev.bulwark.vpn.wireguard.AddressAllocations;
import dev.bulwark.vpn.wireguard.WireGuardKey;
import dev.bulwark.vpn.wireguard.WireGuardPlanKeys;
import java.util.Map;

/**
 * The remaining text parsers: apt-cache policy, the services database, addresses, fail2ban,
 * authorized_keys options, host patterns, OpenVPN keys, the WireGuard plan files and the examples'
 * baseline spec.
 */
final class TextCases {

    private static final String STATIC_KEY = OpenVpnStaticKey.generate().render();
    private static final String TLS_CRYPT_V2 = OpenVpnTlsCryptV2Key.generate().render();

    private TextCases() {
    }

    static void add(Map<String, ScalingInputs.Case> cases) {
        cases.put("apt-cache-policy:valid", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("Package files:\n 100 /var/lib/dpkg/status\n     release a=now\n");
            for (int i = 0; i < n; i++) {
                b.append(" 500 http://mirror").append(i).append(".example.org/debian bookworm/main amd64 Packages\n")
                        .append("     release v=12,o=Debian,a=stable,n=bookworm,l=Debian,c=main,b=amd64\n")
                        .append("     origin mirror").append(i).append(".example.org\n");
            }
            return b.toString();
        }, t -> AptOrigin.parsePolicy(t, "policy")));
        cases.put("apt-cache-policy:long-release", new ScalingInputs.Case(
                n -> "Package files:\n 500 http://m/debian x/main amd64 Packages\n     release " + "v=1,".repeat(n) + "o=D\n",
                t -> AptOrigin.parsePolicy(t, "policy")));
        cases.put("services:valid", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append("svc").append(i).append('\t').append(1 + i % 65535).append("/tcp\t\talias").append(i).append('\n');
            }
            return b.toString();
        }, t -> ServiceNames.parse(t, "tcp 6 TCP\nudp 17 UDP\n")));
        cases.put("services:many-aliases", new ScalingInputs.Case(n -> "svc 22/tcp" + " a".repeat(n) + "\n",
                t -> ServiceNames.parse(t, "tcp 6 TCP\n")));
        cases.put("endpoint:long-token", new ScalingInputs.Case(n -> "h".repeat(10 * n) + ":22", Endpoint::parse));
        cases.put("ip-network:long-token", new ScalingInputs.Case(n -> "1".repeat(10 * n) + "/8", IpNetwork::parse));
        cases.put("fail2ban:valid", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("[DEFAULT]\nbantime = 1h\n");
            for (int i = 0; i < n; i++) {
                b.append("[jail").append(i).append("]\nenabled = true\nport = ").append(1 + i % 65535)
                        .append("\nmaxretry = 3\n");
            }
            return b.toString();
        }, Fail2banConfig::parse));
        cases.put("fail2ban:continuations", new ScalingInputs.Case(n -> "[sshd]\nenabled = true\nignoreip = 127.0.0.1\n"
                + "    10.0.0.1\n".repeat(n), Fail2banConfig::parse));
        cases.put("fail2ban:repeated-keys", new ScalingInputs.Case(n -> "[sshd]\n" + "enabled = true\n".repeat(n),
                Fail2banConfig::parse));
        cases.put("authorized-key-options:many", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("no-pty");
            for (int i = 0; i < n; i++) {
                b.append(",environment=\"V").append(i).append("=x\"");
            }
            return b.toString();
        }, AuthorizedKeyOptions::parse));
        cases.put("authorized-key-options:long-quoted", new ScalingInputs.Case(
                n -> "command=\"" + "\\\"x".repeat(n) + "\"", AuthorizedKeyOptions::parse));
        cases.put("host-pattern:wildcards", new ScalingInputs.Case(n -> "*?".repeat(n) + ".example.com", HostPattern::parse));
        cases.put("openvpn-static-key:comments", new ScalingInputs.Case(n -> "#\n".repeat(n) + STATIC_KEY,
                t -> OpenVpnStaticKey.parse(t, "tc.key")));
        cases.put("openvpn-static-key:long-body", new ScalingInputs.Case(
                n -> "-----BEGIN OpenVPN Static key V1-----\n" + "0123456789abcdef0123456789abcdef\n".repeat(n)
                        + "-----END OpenVPN Static key V1-----\n", t -> OpenVpnStaticKey.parse(t, "tc.key")));
        cases.put("openvpn-tls-crypt-v2:comments", new ScalingInputs.Case(n -> "#\n".repeat(n) + TLS_CRYPT_V2,
                t -> OpenVpnTlsCryptV2Key.parse(t, "v2.key")));
        cases.put("openvpn-tls-crypt-v2:long-body", new ScalingInputs.Case(
                n -> "-----BEGIN OpenVPN tls-crypt-v2 server key-----\n" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n"
                        .repeat(n) + "-----END OpenVPN tls-crypt-v2 server key-----\n",
                t -> OpenVpnTlsCryptV2Key.parse(t, "v2.key")));
        cases.put("address-allocations:valid", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("# allocations\n");
            for (int i = 0; i < n; i++) {
                b.append("node").append(i).append(" 10.").append(i >>> 16 & 255).append('.').append(i >>> 8 & 255)
                        .append('.').append(i & 255).append('\n');
            }
            return b.toString();
        }, t -> AddressAllocations.parse(t, "allocations")));
        cases.put("address-allocations:comments", new ScalingInputs.Case(n -> "# x\n".repeat(n) + "gw 10.0.0.1\n",
                t -> AddressAllocations.parse(t, "allocations")));
        String key = WireGuardKey.generate().toBase64();
        cases.put("plan-keys:valid", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("# keys\n");
            for (int i = 0; i < n; i++) {
                b.append("key node").append(i).append(' ').append(key).append('\n');
            }
            return b.toString();
        }, t -> WireGuardPlanKeys.parse(t, "plan.keys")));
        cases.put("plan-keys:long-line", new ScalingInputs.Case(n -> "key node " + "A".repeat(10 * n) + "\n",
                t -> WireGuardPlanKeys.parse(t, "plan.keys")));
        cases.put("baseline-spec:valid", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("host web1.example.com\nadmin alice\nca Example CA\nserver web1.example.com\n");
            for (int i = 0; i < n; i++) {
                b.append("public s").append(i).append(" tcp/").append(1000 + i).append('\n');
            }
            return b.toString();
        }, t -> BaselineSpecParser.parse(t, "spec")));
        cases.put("baseline-spec:peers", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("host web1.example.com\nadmin alice\nca Example CA\nserver web1.example.com\n"
                    + "vpn-network 10.0.0.0/8\nvpn-endpoint 203.0.113.10:51820\n");
            for (int i = 0; i < n; i++) {
                b.append("peer p").append(i).append('\n');
            }
            return b.toString();
        }, t -> BaselineSpecParser.parse(t, "spec")));
        cases.put("baseline-spec:long-line", new ScalingInputs.Case(n -> "host " + "a".repeat(10 * n) + "\n",
                t -> BaselineSpecParser.parse(t, "spec")));
    }
}
