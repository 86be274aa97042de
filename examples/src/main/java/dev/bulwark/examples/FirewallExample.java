package dev.bulwark.examples;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Firewall;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.Ports;
import java.io.PrintStream;
import java.util.List;

/**
 * A default-deny firewall that exposes only public services: https for everyone, ssh from the VPN,
 * postgres for this machine only, rendered for iptables, nftables, ufw and firewalld.
 *
 * <pre>java dev.bulwark.examples.FirewallExample [iptables|ip6tables|nftables|ufw|firewalld]</pre>
 */
public final class FirewallExample {

    private FirewallExample() {
    }

    /**
     * Prints the policy in the chosen form (default nftables).
     *
     * @param args the form
     */
    public static void main(String[] args) {
        ExampleMain.main("FirewallExample", "[iptables|ip6tables|nftables|ufw|firewalld]", 0, 1, args,
                (a, out) -> out.print(render(a.isEmpty() ? "nftables" : a.get(0))));
    }

    /** The example policy. */
    public static FirewallPolicy policy() {
        return Firewall.policy()
                .publicService("https", Protocol.TCP, Ports.of(443))
                .privateService("ssh", Ports.of(22), List.of(IpNetwork.parse("10.8.0.0/24")))
                .internalService("postgres", Ports.of(5432))
                .build();
    }

    /**
     * The policy in one form.
     *
     * @throws IllegalArgumentException for an unknown form
     */
    public static String render(String form) {
        FirewallPolicy policy = policy();
        switch (form) {
            case "iptables": return Firewall.iptables().render(policy, IpVersion.IPV4);
            case "ip6tables": return Firewall.iptables().render(policy, IpVersion.IPV6);
            case "nftables": return Firewall.nftables().render(policy);
            case "ufw": return Firewall.ufw().script(policy);
            case "firewalld": return Firewall.firewalld().script(policy);
            default: throw new IllegalArgumentException("unknown form '" + form
                    + "' (use iptables, ip6tables, nftables, ufw or firewalld)");
        }
    }

    /** Prints every form to {@code out}. */
    public static void printAll(PrintStream out) {
        for (String form : List.of("iptables", "ip6tables", "nftables", "ufw", "firewalld")) {
            out.println("### " + form);
            out.print(render(form));
        }
    }
}
