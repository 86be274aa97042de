package dev.bulwark.firewall.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Every rendered file is really loaded into a fresh network namespace and read back with the
 * tools' own listings: the check modes alone accept rulesets the kernel refuses.
 */
@RequiresNetworkNamespaces
@RequiresTool({"iptables-restore", "ip6tables-restore", "iptables-save", "ip6tables-save", "nft"})
class KernelApplyTest {

    @Test
    void everyCorpusPolicyLoadsAndReadsBackWithIptables() throws IOException {
        for (FirewallPolicy policy : Policies.corpus()) {
            loadIptablesAndCompare(policy);
        }
    }

    @Test
    void everyCorpusPolicyLoadsAndReadsBackWithNftables() throws IOException {
        for (FirewallPolicy policy : Policies.corpus()) {
            loadNftablesAndCompare(policy);
        }
    }

    @Property(tries = 15)
    void generatedPoliciesLoadWithIptables(@ForAll("policies") FirewallPolicy policy) throws IOException {
        KernelSupport.assumeNamespacesAndTools("iptables-restore", "ip6tables-restore", "iptables-save", "ip6tables-save");
        Statistics.label("rules").collect(policy.rules().size() < 4 ? "0-3" : policy.rules().size() < 8 ? "4-7" : "8-12");
        loadIptablesAndCompare(policy);
    }

    @Property(tries = 15)
    void generatedPoliciesLoadWithNftables(@ForAll("policies") FirewallPolicy policy) throws IOException {
        KernelSupport.assumeNamespacesAndTools("nft");
        Statistics.label("rules").collect(policy.rules().size() < 4 ? "0-3" : policy.rules().size() < 8 ? "4-7" : "8-12");
        loadNftablesAndCompare(policy);
    }

    @Provide
    Arbitrary<FirewallPolicy> policies() {
        return Policies.random();
    }

    private static void loadIptablesAndCompare(FirewallPolicy policy) throws IOException {
        try (NetworkNamespace ns = NetworkNamespace.create("fwipt")) {
            FirewallApplier applier = FirewallApplier.withoutManagementAccess(new NamespaceHost(ns));
            List<String> files = applier.applyIptables(policy);
            applier.applyIptables(policy);
            String v4 = ns.execChecked("iptables-save").output();
            String v6 = ns.execChecked("ip6tables-save").output();
            // what ends up loaded: the filter file, and the own nat chain with its one jump (applied twice)
            assertThat(applier.iptablesRenderer().renderPersistent(policy, IpVersion.IPV4)).startsWith(files.get(0));
            compareIptables(policy, applier.iptablesRenderer().renderPersistent(policy, IpVersion.IPV4), v4);
            compareIptables(policy, applier.iptablesRenderer().renderPersistent(policy, IpVersion.IPV6), v6);
        }
    }

    private static void compareIptables(FirewallPolicy policy, String rendered, String saved) {
        assertThat(ReadBack.iptablesRules(saved)).as("rules per chain of\n%s\nread back as\n%s", policy, saved)
                .isEqualTo(ReadBack.iptablesRules(rendered));
        assertThat(ReadBack.iptablesLines(saved)).as("the rules of\n%s\nread back", policy)
                .isEqualTo(ReadBack.iptablesLines(rendered));
        Map<String, String> policies = ReadBack.iptablesPolicies(filterTable(saved));
        assertThat(policies).isEqualTo(ReadBack.iptablesPolicies(filterTable(rendered)));
        assertThat(count(saved, "--comment")).isEqualTo(count(rendered, "--comment"));
    }

    private static void loadNftablesAndCompare(FirewallPolicy policy) throws IOException {
        try (NetworkNamespace ns = NetworkNamespace.create("fwnft")) {
            FirewallApplier applier = FirewallApplier.withoutManagementAccess(new NamespaceHost(ns));
            String file = applier.applyNftables(policy);
            applier.applyNftables(policy);
            String json = ns.execChecked("nft", "-j", "list", "ruleset").output();
            assertThat(ReadBack.nftJsonRules(json)).as("rules per chain of\n%s\nrendered as\n%s", policy, file)
                    .isEqualTo(ReadBack.nftFileRules(file));
            assertThat(ReadBack.nftJsonSets(json)).isEqualTo(ReadBack.nftFileSets(file));
            Map<String, String> expected = new TreeMap<>();
            expected.put("input", policy.defaultIncoming().admits() ? "accept" : "drop");
            expected.put("forward", policy.defaultRouted().admits() ? "accept" : "drop");
            expected.put("output", policy.defaultOutgoing().admits() ? "accept" : "drop");
            if (!policy.masquerades().isEmpty()) {
                expected.put("postrouting", "accept");
            }
            assertThat(ReadBack.nftJsonPolicies(json)).isEqualTo(expected);
            assertThat(count(json, "\"comment\":")).isEqualTo(count(file, " comment \""));
        }
    }

    private static String filterTable(String text) {
        int start = text.indexOf("*filter");
        return text.substring(start, text.indexOf("COMMIT", start));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
