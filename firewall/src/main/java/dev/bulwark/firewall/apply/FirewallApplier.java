package dev.bulwark.firewall.apply;

import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.ValidationException;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.ManagementAccess;
import dev.bulwark.firewall.VpcGateway;
import dev.bulwark.firewall.render.IptablesRenderer;
import dev.bulwark.firewall.render.NftablesRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link FirewallPolicy} on a {@link Host} (this machine or, over SSH, a remote one)
 * without ever leaving it half-configured or locking out its administrator:
 * <ul>
 *   <li>whole tables are replaced atomically: {@code iptables-restore} / {@code ip6tables-restore}
 *       of the complete filter table, or {@code nft -f} whose file deletes and recreates its table
 *       in the same transaction;</li>
 *   <li>iptables masquerades change only Bulwark's own nat chain ({@code iptables-restore --noflush}
 *       of {@link IptablesRenderer#renderNat}, the jump from {@code POSTROUTING} added once), so the
 *       nat rules of Docker or kube-proxy on the same host stay;</li>
 *   <li>the rendered files are checked first ({@code --test}, {@code nft -c}) for both IP versions
 *       before anything changes; if the IPv6 load fails after the IPv4 one succeeded, the saved
 *       IPv4 tables are restored;</li>
 *   <li>iptables waits for the xtables lock ({@code -w}) instead of failing when another tool holds it;</li>
 *   <li>an allow for the administrator's SSH source ({@link ManagementAccess}) is rendered ahead of
 *       every rule of the policy.</li>
 * </ul>
 * Every command is an argument list; the rendered file goes to the command's stdin.
 *
 * <pre>{@code
 * FirewallApplier.on(LocalHost.create(), new ManagementAccess(IpNetwork.parse("192.0.2.0/24"), 22))
 *         .applyNftables(policy);
 * }</pre>
 */
public final class FirewallApplier {

    private static final Logger LOG = LoggerFactory.getLogger(FirewallApplier.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final int DEFAULT_LOCK_WAIT_SECONDS = 10;

    private final Host host;
    private final Optional<ManagementAccess> management;
    private final Duration timeout;
    private final int lockWaitSeconds;

    private FirewallApplier(Host host, Optional<ManagementAccess> management, Duration timeout, int lockWaitSeconds) {
        this.host = Objects.requireNonNull(host, "host");
        this.management = management;
        this.timeout = timeout;
        this.lockWaitSeconds = lockWaitSeconds;
    }

    /** An applier for {@code host} that keeps {@code management} open; timeout 60 s, lock wait 10 s. */
    public static FirewallApplier on(Host host, ManagementAccess management) {
        return new FirewallApplier(host, Optional.of(management), DEFAULT_TIMEOUT, DEFAULT_LOCK_WAIT_SECONDS);
    }

    /**
     * An applier that adds no management allow: only for hosts not managed over the network they
     * filter (a console, a network namespace, a policy that already allows the administrator);
     * timeout 60 s, lock wait 10 s.
     */
    public static FirewallApplier withoutManagementAccess(Host host) {
        return new FirewallApplier(host, Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_LOCK_WAIT_SECONDS);
    }

    /** This applier with another timeout per command (default 60 s). */
    public FirewallApplier withTimeout(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new ValidationException("timeout " + value + " is not positive");
        }
        return new FirewallApplier(host, management, value, lockWaitSeconds);
    }

    /** This applier waiting at most {@code seconds} for the xtables lock (default 10). */
    public FirewallApplier withLockWait(int seconds) {
        if (seconds < 1) {
            throw new ValidationException("lock wait " + seconds + " s is below 1 s");
        }
        return new FirewallApplier(host, management, timeout, seconds);
    }

    /** The iptables renderer this applier uses (with its management access). */
    public IptablesRenderer iptablesRenderer() {
        return management.map(IptablesRenderer.standard()::withManagement).orElse(IptablesRenderer.standard());
    }

    /** The nftables renderer this applier uses (with its management access). */
    public NftablesRenderer nftablesRenderer() {
        return management.map(NftablesRenderer.standard()::withManagement).orElse(NftablesRenderer.standard());
    }

    /**
     * Replaces the filter table for IPv4 and IPv6 and sets the policy's masquerades in Bulwark's
     * own nat chain ({@link IptablesRenderer#natChain()}), leaving every other nat rule as it is.
     * The nat chain is written when the policy masquerades in that IP version or the chain exists
     * from an earlier policy (then it is emptied).
     *
     * @return the two filter files loaded, IPv4 first
     * @throws dev.bulwark.core.host.CommandFailedException when a check or load fails (after the rollback)
     * @throws IOException                                  when a command cannot be run
     */
    public List<String> applyIptables(FirewallPolicy policy) throws IOException {
        IptablesRenderer renderer = iptablesRenderer();
        String v4 = renderer.render(policy, IpVersion.IPV4);
        String v6 = renderer.render(policy, IpVersion.IPV6);
        Optional<String> nat4 = natFile(renderer, policy, IpVersion.IPV4);
        Optional<String> nat6 = natFile(renderer, policy, IpVersion.IPV6);
        run(restore("iptables-restore", true, false), v4).requireSuccess();
        run(restore("ip6tables-restore", true, false), v6).requireSuccess();
        if (nat4.isPresent()) {
            run(restore("iptables-restore", true, true), nat4.get()).requireSuccess();
        }
        if (nat6.isPresent()) {
            run(restore("ip6tables-restore", true, true), nat6.get()).requireSuccess();
        }
        String saved = run(List.of("iptables-save"), "").requireSuccess().stdout();
        run(restore("iptables-restore", false, false), v4).requireSuccess();
        if (nat4.isPresent()) {
            loadNat(renderer, IpVersion.IPV4, nat4.get()).requireSuccess();
        }
        CommandResult six = run(restore("ip6tables-restore", false, false), v6);
        if (six.isSuccess() && nat6.isPresent()) {
            six = loadNat(renderer, IpVersion.IPV6, nat6.get());
        }
        if (!six.isSuccess()) {
            LOG.debug("loading the IPv6 tables failed on {}; restoring the saved IPv4 tables", host.name());
            run(restore("iptables-restore", false, false), saved).requireSuccess();
            six.requireSuccess();
        }
        return List.of(v4, v6);
    }

    /** The nat file to load: when the policy masquerades in {@code version} or the own chain exists already. */
    private Optional<String> natFile(IptablesRenderer renderer, FirewallPolicy policy, IpVersion version)
            throws IOException {
        boolean masquerades = policy.masquerades().stream().anyMatch(m -> m.version() == version);
        if (masquerades || run(iptables(version, "-t", "nat", "-S", renderer.natChain()), "").isSuccess()) {
            return Optional.of(renderer.renderNat(policy, version));
        }
        return Optional.empty();
    }

    /** Loads the nat chain with {@code --noflush}, then adds its jump from POSTROUTING unless it is there. */
    private CommandResult loadNat(IptablesRenderer renderer, IpVersion version, String file) throws IOException {
        String tool = version == IpVersion.IPV4 ? "iptables-restore" : "ip6tables-restore";
        CommandResult loaded = run(restore(tool, false, true), file);
        if (!loaded.isSuccess()) {
            return loaded;
        }
        List<String> check = iptables(version, "-t", "nat", "-C");
        check.addAll(renderer.natJump());
        if (run(check, "").isSuccess()) {
            return loaded;
        }
        List<String> add = iptables(version, "-t", "nat", "-A");
        add.addAll(renderer.natJump());
        return run(add, "");
    }

    private List<String> iptables(IpVersion version, String... args) {
        List<String> out = new java.util.ArrayList<>(List.of(version == IpVersion.IPV4 ? "iptables" : "ip6tables",
                "-w", Integer.toString(lockWaitSeconds)));
        out.addAll(List.of(args));
        return out;
    }

    /**
     * Replaces the nftables table in one transaction (checked with {@code nft -c} first).
     *
     * @return the file loaded
     * @throws dev.bulwark.core.host.CommandFailedException when the check or the load fails
     * @throws IOException                                  when a command cannot be run
     */
    public String applyNftables(FirewallPolicy policy) throws IOException {
        String file = nftablesRenderer().render(policy);
        run(List.of("nft", "-c", "-f", "-"), file).requireSuccess();
        run(List.of("nft", "-f", "-"), file).requireSuccess();
        return file;
    }

    /** Turns on forwarding for a gateway now ({@link VpcGateway#sysctlCommand()}). */
    public void enableForwarding(VpcGateway gateway) throws IOException {
        run(gateway.sysctlCommand(), "").requireSuccess();
    }

    private List<String> restore(String tool, boolean test, boolean noflush) {
        List<String> out = new java.util.ArrayList<>(List.of(tool, "-w", Integer.toString(lockWaitSeconds)));
        if (test) {
            out.add("--test");
        }
        if (noflush) {
            out.add("--noflush");
        }
        return out;
    }

    private CommandResult run(List<String> command, String stdin) throws IOException {
        LOG.debug("{}: {}", host.name(), command);
        return host.run(command, stdin.getBytes(StandardCharsets.UTF_8), timeout);
    }
}
