package dev.bulwark.firewall.render;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Direction;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.ManagementAccess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders a {@link FirewallPolicy} for ufw: as {@code ufw} commands ({@link #commands}, and
 * {@link #script} for a shell script of them) and as the {@code /etc/ufw/user.rules} and
 * {@code user6.rules} files ufw itself writes for those commands ({@link #userRules}), with the
 * {@code ### tuple ###} lines ufw reads back. ufw cannot express ICMP rules, interface
 * wildcards or NAT from its command line: such a policy is refused, naming the rule.
 *
 * <p>The script resets ufw ({@code ufw --force reset}), sets logging {@code low} and the
 * defaults, adds the rules and enables ufw; during the reset the firewall is briefly off. For an
 * atomic change write {@link #userRules} and run {@code ufw reload}.
 *
 * @param management an allow for the administrator's SSH connection, added before every rule
 */
public record UfwRenderer(Optional<ManagementAccess> management) {

    /** Validates the component. */
    public UfwRenderer {
        Objects.requireNonNull(management, "management");
    }

    /** No management access. */
    public static UfwRenderer standard() {
        return new UfwRenderer(Optional.empty());
    }

    /** This renderer keeping {@code access} open ahead of every rule. */
    public UfwRenderer withManagement(ManagementAccess access) {
        return new UfwRenderer(Optional.of(access));
    }

    /** The commands, each an argument list, in order. */
    public List<List<String>> commands(FirewallPolicy policy) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("ufw", "--force", "reset"));
        out.add(List.of("ufw", "logging", "low"));
        out.add(List.of("ufw", "default", policy.defaultIncoming().wireName(), "incoming"));
        out.add(List.of("ufw", "default", policy.defaultOutgoing().wireName(), "outgoing"));
        out.add(List.of("ufw", "default", policy.defaultRouted().wireName(), "routed"));
        for (UfwRule rule : rules(policy)) {
            out.add(rule.command());
        }
        out.add(List.of("ufw", "--force", "enable"));
        return out;
    }

    /** {@link #commands} as a POSIX shell script ({@link ShellScript#render}). */
    public String script(FirewallPolicy policy) {
        return ShellScript.render(commands(policy));
    }

    /**
     * The content of {@code /etc/ufw/user.rules} ({@code IPV4}) or {@code user6.rules}
     * ({@code IPV6}) exactly as ufw 0.36 writes it for {@link #commands} with logging {@code low}.
     */
    public String userRules(FirewallPolicy policy, IpVersion version) {
        String prefix = version == IpVersion.IPV4 ? "ufw" : "ufw6";
        StringBuilder out = new StringBuilder("*filter\n");
        for (String chain : List.of("user-input", "user-output", "user-forward", "before-logging-input",
                "before-logging-output", "before-logging-forward", "user-logging-input", "user-logging-output",
                "user-logging-forward", "after-logging-input", "after-logging-output", "after-logging-forward",
                "logging-deny", "logging-allow", "user-limit", "user-limit-accept")) {
            out.append(':').append(prefix).append('-').append(chain).append(" - [0:0]\n");
        }
        out.append("### RULES ###\n");
        for (UfwRule rule : rules(policy)) {
            if (rule.appliesTo(version)) {
                UfwUserRules.append(out, rule, prefix, version);
            }
        }
        out.append("\n### END RULES ###\n\n### LOGGING ###\n");
        String block = "\"[UFW BLOCK] \" -m limit --limit 3/min --limit-burst 10\n";
        out.append("-A ").append(prefix).append("-after-logging-input -j LOG --log-prefix ").append(block)
                .append("-A ").append(prefix).append("-after-logging-forward -j LOG --log-prefix ").append(block)
                .append("-I ").append(prefix).append("-logging-deny -m conntrack --ctstate INVALID -j RETURN")
                .append(" -m limit --limit 3/min --limit-burst 10\n")
                .append("-A ").append(prefix).append("-logging-deny -j LOG --log-prefix ").append(block)
                .append("-A ").append(prefix).append("-logging-allow -j LOG --log-prefix ")
                .append("\"[UFW ALLOW] \" -m limit --limit 3/min --limit-burst 10\n")
                .append("### END LOGGING ###\n\n### RATE LIMITING ###\n")
                .append("-A ").append(prefix).append("-user-limit -m limit --limit 3/minute -j LOG --log-prefix")
                .append(" \"[UFW LIMIT BLOCK] \"\n")
                .append("-A ").append(prefix).append("-user-limit -j REJECT\n")
                .append("-A ").append(prefix).append("-user-limit-accept -j ACCEPT\n")
                .append("### END RATE LIMITING ###\nCOMMIT\n");
        return out.toString();
    }

    /** Every ufw rule of the policy, management access first; throws for what ufw cannot express. */
    List<UfwRule> rules(FirewallPolicy policy) {
        if (!policy.masquerades().isEmpty()) {
            throw new ValidationException("masquerade of " + policy.masquerades().get(0).source()
                    + ": ufw cannot express NAT from its command line (it lives in /etc/ufw/before.rules);"
                    + " render the gateway for iptables or nftables");
        }
        List<UfwRule> out = new ArrayList<>();
        management.ifPresent(m -> out.add(new UfwRule(dev.bulwark.firewall.Action.ALLOW, Direction.IN,
                Optional.empty(), Optional.empty(), Optional.of(Protocol.TCP), dev.bulwark.firewall.Ports.of(m.port()),
                Optional.of(m.source()), Optional.empty(), Optional.empty(), IptablesFrame.MANAGEMENT_COMMENT)));
        for (int i = 0; i < policy.rules().size(); i++) {
            out.addAll(UfwRule.expand(policy, i));
        }
        return out;
    }

    /** ufw's comment encoding in user.rules: the UTF-8 bytes in lower-case hex. */
    static String hex(String comment) {
        StringBuilder out = new StringBuilder();
        for (byte b : comment.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }

    static String anyAddress(IpVersion version) {
        return version == IpVersion.IPV4 ? "0.0.0.0/0" : "::/0";
    }

    /** A network as ufw stores it: a single host without its prefix length. */
    static String address(Optional<IpNetwork> network, IpVersion version) {
        return network.map(n -> n.prefixLength() == n.bitLength() ? IpAddresses.format(n.address()) : n.toString())
                .orElse(anyAddress(version));
    }
}
