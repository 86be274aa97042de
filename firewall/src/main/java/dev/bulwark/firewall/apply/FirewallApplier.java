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
 *       of complete tables, or {@code nft -f} whose file deletes and recreates its table in the
 *       same transaction;</li>
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
     * Replaces the filter table (and the nat table when the policy masquerades) for IPv4 and IPv6.
     *
     * @return the two files loaded, IPv4 first
     * @throws dev.bulwark.core.host.CommandFailedException when a check or load fails (after the rollback)
     * @throws IOException                                  when a command cannot be run
     */
    public List<String> applyIptables(FirewallPolicy policy) throws IOException {
        String v4 = iptablesRenderer().render(policy, IpVersion.IPV4);
        String v6 = iptablesRenderer().render(policy, IpVersion.IPV6);
        run(restore("iptables-restore", true), v4).requireSuccess();
        run(restore("ip6tables-restore", true), v6).requireSuccess();
        String saved = run(List.of("iptables-save"), "").requireSuccess().stdout();
        run(restore("iptables-restore", false), v4).requireSuccess();
        CommandResult six = run(restore("ip6tables-restore", false), v6);
        if (!six.isSuccess()) {
            LOG.debug("ip6tables-restore failed on {}; restoring the saved IPv4 tables", host.name());
            run(restore("iptables-restore", false), saved).requireSuccess();
            six.requireSuccess();
        }
        return List.of(v4, v6);
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

    private List<String> restore(String tool, boolean test) {
        return test ? List.of(tool, "-w", Integer.toString(lockWaitSeconds), "--test")
                : List.of(tool, "-w", Integer.toString(lockWaitSeconds));
    }

    private CommandResult run(List<String> command, String stdin) throws IOException {
        LOG.debug("{}: {}", host.name(), command);
        return host.run(command, stdin.getBytes(StandardCharsets.UTF_8), timeout);
    }
}
