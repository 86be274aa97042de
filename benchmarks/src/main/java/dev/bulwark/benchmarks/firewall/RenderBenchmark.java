package dev.bulwark.benchmarks.firewall;

import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.render.IptablesRenderer;
import dev.bulwark.firewall.render.NftablesRenderer;
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
 * Renders a policy of 100,000 rules ({@link RenderCorpus}) as an iptables-restore file (IPv4 and
 * IPv6) and as an nft file; {@link #build} measures building and checking the policy itself.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RenderBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RenderBenchmark {

    @Param({"100000"})
    public int rules;

    private FirewallPolicy policy;

    @Setup
    public void setUp() {
        policy = RenderCorpus.policy(rules);
    }

    @Benchmark
    public String iptablesIpv4() {
        return IptablesRenderer.standard().render(policy, IpVersion.IPV4);
    }

    @Benchmark
    public String iptablesIpv6() {
        return IptablesRenderer.standard().render(policy, IpVersion.IPV6);
    }

    @Benchmark
    public String nftables() {
        return NftablesRenderer.standard().render(policy);
    }

    @Benchmark
    public FirewallPolicy build() {
        return RenderCorpus.policy(rules);
    }
}
