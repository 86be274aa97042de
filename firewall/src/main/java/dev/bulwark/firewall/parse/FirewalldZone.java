package dev.bulwark.firewall.parse;

import dev.bulwark.core.net.IpNetwork;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A firewalld zone as its XML file ({@code /etc/firewalld/zones/NAME.xml}) defines it. Read one
 * with {@link FirewalldZones#parse(String, String)}.
 *
 * @param name          the zone's name (the file name without {@code .xml})
 * @param target        the zone target ({@code default}, {@code ACCEPT}, {@code DROP}, {@code %%REJECT%%})
 * @param interfaces    the interfaces bound to the zone
 * @param sources       the source networks bound to the zone
 * @param services      the allowed services
 * @param ports         the allowed ports as {@code port/protocol} ({@code 8080/tcp}, {@code 60000-61000/udp})
 * @param richRules     the rich rules, in file order
 * @param masquerade    whether the zone masquerades
 * @param notUnderstood the elements Bulwark does not model, verbatim, e.g. {@code <icmp-block name="echo-request"/>}
 */
public record FirewalldZone(String name, String target, List<String> interfaces, List<IpNetwork> sources,
                            List<String> services, List<String> ports, List<FirewalldRichRule> richRules,
                            boolean masquerade, List<String> notUnderstood) {

    /** Validates and copies the components. */
    public FirewalldZone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        interfaces = List.copyOf(interfaces);
        sources = List.copyOf(sources);
        services = List.copyOf(services);
        ports = List.copyOf(ports);
        richRules = List.copyOf(richRules);
        notUnderstood = List.copyOf(notUnderstood);
    }

    /**
     * The rich rules in the order firewalld evaluates them: negative priorities (lowest first),
     * then log-only rules, then every deny (reject/drop) before any allow, then positive
     * priorities (lowest first); within a bucket, file order.
     */
    public List<FirewalldRichRule> evaluationOrder() {
        List<FirewalldRichRule> out = new ArrayList<>(richRules);
        out.sort(Comparator.comparing(FirewalldRichRule::bucket).thenComparingInt(FirewalldRichRule::priority));
        return out;
    }

    /** Whether a packet from {@code source} is bound to this zone by source. */
    public boolean hasSource(InetAddress source) {
        return sources.stream().anyMatch(n -> n.contains(source));
    }
}
