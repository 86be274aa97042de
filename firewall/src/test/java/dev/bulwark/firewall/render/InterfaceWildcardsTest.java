package dev.bulwark.firewall.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.Rule;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model's interface wildcard ({@code eth+}: every interface whose name starts with
 * {@code eth}) in every renderer: iptables writes it as is, nftables translates it to
 * {@code "eth*"} (checked by the real {@code nft}), and what a backend cannot express is refused
 * naming the rule and the backend.
 */
class InterfaceWildcardsTest {

    @TempDir
    Path dir;

    /** Wildcards in, out, routed and in a masquerade; a literal '+' inside a name; a 15-character wildcard. */
    static FirewallPolicy wildcards() {
        return FirewallPolicy.builder()
                .rule(Rule.allow().inInterface("wg+").protocol(Protocol.UDP).port(53).build())
                .rule(Rule.deny().out().outInterface("eth+").protocol(Protocol.TCP).port(25).build())
                .rule(Rule.allow().routed().inInterface("wg+").outInterface("abcdefghijklmn+")
                        .from(IpNetwork.parse("10.8.0.0/24")).build())
                .rule(Rule.reject().inInterface("a+b").protocol(Protocol.TCP).port(23).build())
                .masquerade(IpNetwork.parse("10.8.0.0/24"), "eth+")
                .build();
    }

    @Test
    void nftablesTranslatesThePrefixWildcardAndKeepsAPlusInsideANameLiteral() {
        String nft = NftablesRenderer.standard().render(wildcards());
        assertThat(nft).contains("iifname \"wg*\" udp dport 53 accept", "oifname \"eth*\" tcp dport 25 drop",
                "ip saddr 10.8.0.0/24 iifname \"wg*\" oifname \"abcdefghijklmn*\" accept",
                "iifname \"a+b\" tcp dport 23 reject with tcp reset", "ip saddr 10.8.0.0/24 oifname \"eth*\" masquerade");
        assertThat(nft).doesNotContain("+\"");
        assertThat(IptablesRenderer.standard().render(wildcards(), IpVersion.IPV4))
                .contains("-A bulwark-input -i wg+ -p udp -m udp --dport 53 -j ACCEPT");
        assertThat(IptablesRenderer.standard().renderNat(wildcards(), IpVersion.IPV4))
                .contains("-A bulwark-snat -s 10.8.0.0/24 -o eth+ -j MASQUERADE");
    }

    @Test
    void aLoneWildcardIsRefusedByNftablesNamingTheRule() {
        FirewallPolicy every = FirewallPolicy.builder().rule(Rule.allow().inInterface("+").port(80).build()).build();
        assertThatThrownBy(() -> NftablesRenderer.standard().render(every))
                .isInstanceOf(ValidationException.class)
                .hasMessage("rule #1: nftables cannot express the interface wildcard '+' alone (nft refuses the"
                        + " all-wildcard string \"*\"); leave the interface out to match every interface");
        FirewallPolicy masquerade = FirewallPolicy.builder().masquerade(IpNetwork.parse("10.8.0.0/24"), "+").build();
        assertThatThrownBy(() -> NftablesRenderer.standard().render(masquerade))
                .hasMessage("masquerade of 10.8.0.0/24: nftables cannot express the interface wildcard '+' alone"
                        + " (nft refuses the all-wildcard string \"*\"); leave the interface out to match every"
                        + " interface");
    }

    @Test
    void ufwAndFirewalldRefuseWildcardsNamingTheRule() {
        FirewallPolicy out = FirewallPolicy.builder()
                .rule(Rule.allow().port(22).build())
                .rule(Rule.deny().out().outInterface("eth+").port(25).build()).build();
        assertThatThrownBy(() -> UfwRenderer.standard().commands(out))
                .isInstanceOf(ValidationException.class)
                .hasMessage("rule #2: ufw cannot express an interface wildcard ('+')");
        assertThatThrownBy(() -> UfwRenderer.standard().userRules(out, IpVersion.IPV4))
                .hasMessage("rule #2: ufw cannot express an interface wildcard ('+')");
        FirewallPolicy in = FirewallPolicy.builder().rule(Rule.allow().inInterface("wg+").port(53).build()).build();
        assertThatThrownBy(() -> FirewalldRenderer.standard().script(in))
                .isInstanceOf(ValidationException.class)
                .hasMessage("rule #1: firewalld binds interfaces to zones, not to rules; put interface wg+ in its own"
                        + " zone");
        assertThatThrownBy(() -> FirewalldRenderer.standard().zoneXml(in))
                .hasMessage("rule #1: firewalld binds interfaces to zones, not to rules; put interface wg+ in its own"
                        + " zone");
    }

    @Test
    @RequiresNetworkNamespaces
    @RequiresTool({"nft", "iptables-restore", "ip6tables-restore"})
    void realNftAndIptablesAcceptTheRenderedWildcards() throws IOException {
        Path nft = Files.writeString(dir.resolve("wildcards.nft"), NftablesRenderer.standard().render(wildcards()));
        Path v4 = Files.writeString(dir.resolve("rules.v4"),
                IptablesRenderer.standard().renderPersistent(wildcards(), IpVersion.IPV4));
        Path v6 = Files.writeString(dir.resolve("rules.v6"),
                IptablesRenderer.standard().renderPersistent(wildcards(), IpVersion.IPV6));
        try (NetworkNamespace ns = NetworkNamespace.create("ifwild")) {
            NetworkNamespace.ProcessResult check = ns.exec("nft", "-c", "-f", nft.toString());
            assertThat(check.exitCode()).as(check.output()).isZero();
            ns.execChecked("nft", "-f", nft.toString());
            String listed = ns.execChecked("nft", "list", "table", "inet", "bulwark").output();
            assertThat(listed).contains("iifname \"wg*\"", "oifname \"eth*\"", "oifname \"abcdefghijklmn*\"",
                    "iifname \"a+b\"");
            NetworkNamespace.ProcessResult ipv4 = ns.exec("sh", "-c", "iptables-restore --test < " + ShellScript.quote(v4.toString()));
            assertThat(ipv4.exitCode()).as(ipv4.output()).isZero();
            NetworkNamespace.ProcessResult ipv6 = ns.exec("sh", "-c", "ip6tables-restore --test < " + ShellScript.quote(v6.toString()));
            assertThat(ipv6.exitCode()).as(ipv6.output()).isZero();
        }
    }
}
