package dev.bulwark.benchmarks.scaling;

import dev.bulwark.benchmarks.firewall.HostileParseBenchmark;
import dev.bulwark.benchmarks.sockets.SsListingGenerator;
import dev.bulwark.core.ParseException;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.core.updates.AptConf;
import dev.bulwark.core.updates.DnfAutomaticConf;
import dev.bulwark.firewall.parse.IptablesSave;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.knownhosts.KnownHosts;
import dev.bulwark.vpn.wireguard.WireGuardConfig;
import dev.bulwark.vpn.wireguard.WireGuardKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The cases of {@link ParserScalingBenchmark}: for each parser a valid shape and the hostile shapes
 * that once made one superlinear, each a function from a size to an input, with the parse to time.
 */
final class ScalingInputs {

    /** One case: the input of a size, and the parse (a failure is a result too). */
    record Case(IntFunction<String> input, Function<String, Object> parse) {
    }

    private static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    private static final String WG_KEY = WireGuardKey.generate().toBase64();

    static final Map<String, Case> CASES = new TreeMap<>();

    static {
        CASES.put("ss:valid", new Case(n -> new String(SsListingGenerator.bytes(n, 42), StandardCharsets.UTF_8),
                SocketTable::parse));
        CASES.put("sshd_config:valid", new Case(n -> "PermitRootLogin no\nMatch User u\n  X11Forwarding no\n".repeat(n),
                SshdConfig::parseLenient));
        CASES.put("sshd_config:unknown-keywords", new Case(n -> "PermitRootLogn yes\n".repeat(n), SshdConfig::parseLenient));
        CASES.put("authorized_keys:valid", new Case(n -> (ED25519 + " user@host\n").repeat(n),
                t -> AuthorizedKeys.parseLenient(t, "authorized_keys")));
        CASES.put("authorized_keys:invalid-lines", new Case(n -> "no-pty,command=\"x\" not-a-key\n".repeat(n),
                t -> AuthorizedKeys.parseLenient(t, "authorized_keys")));
        CASES.put("known_hosts:valid", new Case(n -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append("host").append(i).append(".example.com,10.0.").append(i >>> 8 & 255).append('.').append(i & 255)
                        .append(' ').append(ED25519).append('\n');
            }
            return b.toString();
        }, t -> KnownHosts.parseLenient(t, "known_hosts")));
        CASES.put("known_hosts:invalid-lines", new Case(n -> "@cert-authority\n".repeat(n),
                t -> KnownHosts.parseLenient(t, "known_hosts")));
        CASES.put("iptables-save:valid", new Case(n -> HostileParseBenchmark.input("rules", n), IptablesSave::parse));
        CASES.put("iptables-save:bangs", new Case(n -> HostileParseBenchmark.input("bangs", n), IptablesSave::parse));
        CASES.put("iptables-save:options", new Case(n -> HostileParseBenchmark.input("options", n), IptablesSave::parse));
        CASES.put("wireguard:valid", new Case(ScalingInputs::peers, WireGuardConfig::parse));
        CASES.put("wireguard:allowed-ips", new Case(ScalingInputs::allowedIps, WireGuardConfig::parse));
        CASES.put("apt.conf:valid", new Case(n -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append("Unattended-Upgrade::K").append(i).append(" \"v\";\n");
            }
            return b.toString();
        }, t -> AptConf.parseLenient(t, "apt.conf")));
        CASES.put("apt.conf:stray-braces", new Case(n -> "};".repeat(n), t -> AptConf.parseLenient(t, "apt.conf")));
        CASES.put("apt.conf:clears", new Case(n -> "A::B \"1\";\n".repeat(n) + "#clear A::C;\n".repeat(n),
                t -> AptConf.parseLenient(t, "apt.conf")));
        CASES.put("automatic.conf:valid", new Case(n -> "[commands]\n" + "apply_updates = yes\n".repeat(n),
                t -> DnfAutomaticConf.parseLenient(t, "automatic.conf")));
        CASES.put("automatic.conf:continuations", new Case(n -> "[emitters]\nemit_via = motd\n" + "  stdio\n".repeat(n),
                t -> DnfAutomaticConf.parseLenient(t, "automatic.conf")));
        FirewallCases.add(CASES);
        TextCases.add(CASES);
        KeyCases.add(CASES);
    }

    private ScalingInputs() {
    }

    /** Parses, returning the failure (a {@link ParseException}) instead of throwing it. */
    static Object run(Case c, String text) {
        try {
            return c.parse().apply(text);
        } catch (ParseException e) {
            return e;
        }
    }

    private static String key(int n) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(32).putInt(28, n).array());
    }

    private static String address(int a) {
        return "10." + (a >>> 16 & 255) + '.' + (a >>> 8 & 255) + '.' + (a & 255) + "/32";
    }

    private static String peers(int n) {
        StringBuilder b = new StringBuilder("[Interface]\nPrivateKey = " + WG_KEY + "\n");
        for (int i = 0; i < n; i++) {
            b.append("[Peer]\nPublicKey = ").append(key(i)).append("\nAllowedIPs = ").append(address(i + 1)).append('\n');
        }
        return b.toString();
    }

    private static String allowedIps(int n) {
        StringBuilder b = new StringBuilder("[Interface]\nPrivateKey = " + WG_KEY + "\n[Peer]\nPublicKey = " + key(1) + "\n");
        for (int i = 0; i < n; i++) {
            b.append("AllowedIPs = ").append(address(i)).append('\n');
        }
        return b.toString();
    }
}
