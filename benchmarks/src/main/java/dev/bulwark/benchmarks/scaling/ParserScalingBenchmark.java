package dev.bulwark.benchmarks.scaling;

import dev.bulwark.core.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each parser on a valid shape and on the hostile shapes that once made one superlinear, at a size
 * n and at 10n. Near-linear parsing takes about 10x as long at 10n; the exponent
 * log10(t(10n)/t(n)) is 1 for linear and 2 for quadratic; the goal is at most 1.15. The iptables-save
 * shapes are {@link dev.bulwark.benchmarks.firewall.HostileParseBenchmark}'s. {@link ScalingTable}
 * runs this and prints the exponents.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParserScalingBenchmark {

    /** parser:shape, a key of {@link ScalingInputs#CASES}. */
    @Param({"address-allocations:comments", "address-allocations:valid", "apt-cache-policy:long-release",
        "apt-cache-policy:valid", "apt.conf:clears", "apt.conf:stray-braces", "apt.conf:valid",
        "authorized-key-options:long-quoted", "authorized-key-options:many", "authorized_keys:invalid-lines",
        "authorized_keys:valid", "automatic.conf:continuations", "automatic.conf:valid", "baseline-spec:long-line",
        "baseline-spec:peers", "baseline-spec:valid", "ca-index:long-subject", "ca-index:valid", "crl:valid",
        "csr:long-body", "csr:valid",
        "der-certificate:deep-nesting", "endpoint:long-token", "fail2ban:continuations", "fail2ban:repeated-keys",
        "fail2ban:valid", "firewalld:deep-nesting", "firewalld:long-attribute", "firewalld:valid",
        "host-pattern:wildcards", "ip-json:deep-nesting", "ip-json:valid", "ip-network:long-token",
        "iptables-save:bangs", "iptables-save:options", "iptables-save:valid", "known_hosts:invalid-lines",
        "known_hosts:valid", "krl:key-ids", "krl:repeated-sections", "krl:serials", "nft-json:deep-nesting",
        "nft-json:long-string", "nft-json:unknown-statements", "nft-json:valid", "nft-text:invalid-rules",
        "nft-text:long-token", "nft-text:open-braces", "nft-text:valid", "openvpn-static-key:comments",
        "openvpn-static-key:long-body", "openvpn-tls-crypt-v2:comments", "openvpn-tls-crypt-v2:long-body",
        "pem-certificate:long-body", "pem-certificates:junk-lines", "pem-certificates:valid", "plan-keys:long-line",
        "plan-keys:valid", "services:many-aliases", "services:valid", "ss:valid", "ssh-certificate:long-base64",
        "ssh-certificate:principals", "ssh-private-key:junk-lines", "ssh-private-key:long-body",
        "ssh-public-key:long-base64", "ssh-public-key:long-comment", "sshd_config:unknown-keywords",
        "sshd_config:valid", "ufw-status:long-comment", "ufw-status:valid", "ufw-user-rules:invalid-tuples",
        "ufw-user-rules:valid", "wireguard:allowed-ips", "wireguard:valid"})
    public String parser;

    /** Lines, peers, words or statements. */
    @Param({"5000", "50000"})
    public int size;

    private ScalingInputs.Case subject;
    private String text;

    /** Builds the input once per trial. */
    @Setup
    public void setUp() {
        subject = ScalingInputs.CASES.get(parser);
        if (subject == null) {
            throw new IllegalArgumentException("unknown case " + parser + "; known: " + ScalingInputs.CASES.keySet());
        }
        text = subject.input().apply(size);
        if (ScalingInputs.run(subject, text) instanceof ParseException refused) {
            // said where JMH shows it: a refused input times the refusal, not the parser (once krl:key-ids at 100n)
            System.out.println("NOTE: " + parser + " at size " + size + " is refused, so this times the refusal: "
                    + refused.getMessage());
        }
    }

    /** Parses the input; hostile input may fail, which is measured too. */
    @Benchmark
    public Object parse() {
        return ScalingInputs.run(subject, text);
    }
}
