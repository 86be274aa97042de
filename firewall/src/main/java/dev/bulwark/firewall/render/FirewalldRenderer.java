package dev.bulwark.firewall.render;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.Direction;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.ManagementAccess;
import dev.bulwark.firewall.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders a {@link FirewallPolicy} for firewalld as one zone: {@code firewall-cmd --permanent}
 * commands ({@link #commands}) and the equivalent zone XML ({@link #zoneXml}). The default
 * incoming action becomes the zone target; every rule becomes rich rules whose {@code priority}
 * keeps the policy's first-match order (firewalld 0.9 or later). A zone filters incoming
 * traffic only, so outgoing and routed rules, a non-allow outgoing default, a routed default
 * other than deny, per-rule interfaces, per-source rate limits and masquerades are refused,
 * naming the rule. firewalld rich rules have no comments; rule comments are not carried.
 * {@link #script} converges: it first removes everything in the zone that the policy does not
 * contain (stock services such as {@code ssh} included), so the zone ends up holding exactly the
 * policy however it started.
 *
 * @param zone       the zone's name (default {@code public})
 * @param management an allow for the administrator's SSH connection, at a priority before every rule
 */
public record FirewalldRenderer(String zone, Optional<ManagementAccess> management) {

    /** Validates the zone name. */
    public FirewalldRenderer {
        Fields.zone("firewalld zone", zone);
        Objects.requireNonNull(management, "management");
    }

    /** Zone {@code public}, no management access. */
    public static FirewalldRenderer standard() {
        return new FirewalldRenderer("public", Optional.empty());
    }

    /** This renderer for another zone. */
    public FirewalldRenderer withZone(String name) {
        return new FirewalldRenderer(name, management);
    }

    /** This renderer keeping {@code access} open ahead of every rule. */
    public FirewalldRenderer withManagement(ManagementAccess access) {
        return new FirewalldRenderer(zone, Optional.of(access));
    }

    /**
     * The commands that add the policy, each an argument list: set the target, add each rich rule,
     * reload. They add to whatever the zone already holds (a stock {@code ssh} service stays
     * open); {@link #script} first removes what the policy does not contain.
     */
    public List<List<String>> commands(FirewallPolicy policy) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("firewall-cmd", "--permanent", "--zone=" + zone, "--set-target=" + target(policy, false)));
        for (RichRule r : richRules(policy)) {
            out.add(List.of("firewall-cmd", "--permanent", "--zone=" + zone, "--add-rich-rule=" + r.text()));
        }
        out.add(List.of("firewall-cmd", "--reload"));
        return out;
    }

    /**
     * A POSIX shell script that leaves the zone holding exactly the policy, whatever it held
     * before (stock services such as {@code ssh}, {@code dhcpv6-client} and {@code cockpit},
     * ports, rich rules of an earlier run):
     * <ol>
     *   <li>create the zone if it does not exist;</li>
     *   <li>add the management allow (if any), so the administrator's rule is in the zone before
     *       anything is removed;</li>
     *   <li>list and remove, one by one, every service, port, protocol, source port, forward port,
     *       ICMP block and rich rule of the zone (rich rules read line by line, since they hold
     *       spaces and quotes), keeping only the management allow; turn masquerade, ICMP block
     *       inversion and (firewalld 1.0 or later) intra-zone forwarding off;</li>
     *   <li>{@link #commands}: set the target, add the rich rules, reload.</li>
     * </ol>
     * It converges because after step 3 each of the zone's lists is empty (every listed entry was
     * removed, and a failed command stops the script: {@code set -eu}) and step 4 adds exactly the
     * policy; running it again gives the same zone. Every step changes the permanent configuration
     * only; the running firewall changes once, at the final {@code --reload}, from the old zone to
     * the new one whose first rule (priority -1) is the management allow. The interfaces and
     * sources bound to the zone are left as they are: they choose which traffic the zone filters,
     * not what it lets through, and unbinding them could move the administrator's own connection
     * into another zone.
     */
    public String script(FirewallPolicy policy) {
        List<List<String>> commands = commands(policy);
        List<String> permanent = List.of("firewall-cmd", "--permanent", "--zone=" + zone);
        List<String> lines = new ArrayList<>();
        lines.add(ShellScript.line(List.of("set", "-f")));
        lines.add(ShellScript.unlessSucceeds(List.of("firewall-cmd", "--permanent", "--info-zone=" + zone),
                List.of("firewall-cmd", "--permanent", "--new-zone=" + zone)));
        String keep = "";
        if (management.isPresent()) {
            String rule = richRules(policy).get(0).text();
            lines.add(ShellScript.line(with(permanent, "--add-rich-rule=" + rule)));
            keep = rule;
        }
        for (String kind : List.of("service", "port", "protocol", "source-port", "forward-port", "icmp-block")) {
            lines.add(ShellScript.forEachWord(with(permanent, "--list-" + kind + "s"), permanent,
                    "--remove-" + kind + "="));
        }
        lines.add(ShellScript.forEachLine(with(permanent, "--list-rich-rules"), permanent, "--remove-rich-rule=", keep));
        lines.add(ShellScript.line(with(permanent, "--remove-masquerade")));
        lines.add(ShellScript.line(with(permanent, "--remove-icmp-block-inversion")));
        lines.add(ShellScript.ifSucceeds(with(permanent, "--query-forward"), with(permanent, "--remove-forward")));
        for (List<String> command : commands) {
            lines.add(ShellScript.line(command));
        }
        return ShellScript.renderLines(lines);
    }

    private static List<String> with(List<String> command, String argument) {
        List<String> out = new ArrayList<>(command);
        out.add(argument);
        return out;
    }

    /** The zone file ({@code /etc/firewalld/zones/<zone>.xml}). */
    public String zoneXml(FirewallPolicy policy) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        out.append("<zone target=\"").append(target(policy, true)).append("\">\n")
                .append("  <short>").append(Fields.xml(zone)).append("</short>\n")
                .append("  <description>Generated by Bulwark</description>\n");
        for (RichRule r : richRules(policy)) {
            out.append(r.xml());
        }
        out.append("</zone>\n");
        return out.toString();
    }

    private String target(FirewallPolicy policy, boolean xml) {
        switch (policy.defaultIncoming()) {
            case ALLOW:
                return "ACCEPT";
            case REJECT:
                return xml ? "%%REJECT%%" : "REJECT";
            default:
                return "DROP";
        }
    }

    /** The rich rules in order; throws naming the rule for what a zone cannot express. */
    List<RichRule> richRules(FirewallPolicy policy) {
        if (policy.defaultOutgoing() != Action.ALLOW) {
            throw new ValidationException("default outgoing " + policy.defaultOutgoing().wireName()
                    + ": a firewalld zone cannot filter outgoing traffic");
        }
        if (policy.defaultRouted() != Action.DENY) {
            throw new ValidationException("default routed " + policy.defaultRouted().wireName()
                    + ": a firewalld zone renders only the default routed deny");
        }
        if (!policy.masquerades().isEmpty()) {
            throw new ValidationException("masquerade of " + policy.masquerades().get(0).source()
                    + ": firewalld masquerades whole zones, not one network out of one interface;"
                    + " render the gateway for iptables or nftables");
        }
        List<RichRule> out = new ArrayList<>();
        management.ifPresent(m -> out.add(new RichRule(-1, Optional.of(m.version()), Optional.of(m.source()),
                Optional.empty(), Optional.of(Protocol.TCP), Optional.of(PortRange.of(m.port())), Action.ALLOW)));
        for (int i = 0; i < policy.rules().size(); i++) {
            expand(policy, i, out);
        }
        return out;
    }

    private static void expand(FirewallPolicy policy, int index, List<RichRule> out) {
        Rule rule = policy.rules().get(index);
        String owner = policy.label(index);
        if (rule.direction() != Direction.IN) {
            throw new ValidationException(owner + ": a firewalld zone cannot express " + rule.direction().wireName()
                    + " rules, only incoming ones");
        }
        if (rule.inInterface().isPresent()) {
            throw new ValidationException(owner + ": firewalld binds interfaces to zones, not to rules;"
                    + " put interface " + rule.inInterface().get() + " in its own zone");
        }
        if (rule.action() == Action.LIMIT) {
            throw new ValidationException(owner + ": firewalld rich rules cannot limit per source"
                    + " (their limit is one shared rate); use ufw, iptables or nftables");
        }
        if (index + 1 > Short.MAX_VALUE) {
            throw new ValidationException(owner + ": firewalld rich rule priorities end at 32767");
        }
        List<Optional<Protocol>> protocols = new ArrayList<>();
        if (rule.protocol().isPresent()) {
            protocols.add(rule.protocol());
        } else if (rule.ports().isAny()) {
            protocols.add(Optional.empty());
        } else {
            protocols.add(Optional.of(Protocol.TCP));
            protocols.add(Optional.of(Protocol.UDP));
        }
        List<Optional<PortRange>> ports = new ArrayList<>();
        if (rule.ports().isAny()) {
            ports.add(Optional.empty());
        } else {
            for (PortRange r : rule.ports().ranges()) {
                ports.add(Optional.of(r));
            }
        }
        Optional<IpVersion> only = rule.versions().size() == 1 ? Optional.of(rule.versions().get(0)) : Optional.empty();
        for (Optional<IpNetwork> src : each(rule.sources())) {
            for (Optional<IpNetwork> dst : each(rule.destinations())) {
                Optional<IpVersion> family = src.or(() -> dst).map(n -> IpVersion.of(n.address())).or(() -> only);
                if (src.isPresent() && dst.isPresent() && !family.equals(Optional.of(IpVersion.of(dst.get().address())))) {
                    continue;
                }
                for (Optional<Protocol> p : protocols) {
                    for (Optional<PortRange> port : ports) {
                        out.add(new RichRule(index + 1, family, src, dst, p, port, rule.action()));
                    }
                }
            }
        }
    }

    private static List<Optional<IpNetwork>> each(List<IpNetwork> networks) {
        if (networks.isEmpty()) {
            return Collections.singletonList(Optional.empty());
        }
        List<Optional<IpNetwork>> out = new ArrayList<>();
        networks.forEach(n -> out.add(Optional.of(n)));
        return out;
    }
}
