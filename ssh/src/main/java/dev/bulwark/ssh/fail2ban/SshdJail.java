package dev.bulwark.ssh.fail2ban;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.ssh.fail2ban.internal.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code [sshd]} jail to write into {@code /etc/fail2ban/jail.local}: ban an address after
 * {@code maxRetry} failures within {@code findTime} for {@code banTime}.
 *
 * <pre>{@code
 * String jailLocal = SshdJail.builder().port(2222).banAction(BanAction.NFTABLES).build().render();
 * }</pre>
 *
 * @param enabled    whether the jail runs
 * @param ports      the ports to ban on: numbers, {@code a:b} ranges or service names such as {@code ssh}
 * @param maxRetry   failures before a ban, 1 to 100
 * @param findTime   the window in which failures count, at least one second
 * @param banTime    how long a ban lasts, at least one second; {@code Duration.ofSeconds(-1)} bans forever
 * @param increment  incremental ban times, if wanted
 * @param backend    where fail2ban reads sshd's log
 * @param banAction  the firewall that bans
 */
public record SshdJail(boolean enabled, List<String> ports, int maxRetry, Duration findTime, Duration banTime,
                       Optional<BantimeIncrement> increment, Backend backend, BanAction banAction) {

    /** Validates the components. */
    public SshdJail {
        ports = List.copyOf(ports);
        Objects.requireNonNull(findTime, "findTime");
        Objects.requireNonNull(banTime, "banTime");
        Objects.requireNonNull(increment, "increment");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(banAction, "banAction");
        if (ports.isEmpty()) {
            throw new ValidationException("ports must name at least one port");
        }
        for (String p : ports) {
            if (!validPort(p)) {
                throw new ValidationException("port '" + printable(p) + "' is not a port number 1-65535, "
                        + "a range a:b or a service name");
            }
        }
        if (maxRetry < 1 || maxRetry > 100) {
            throw new ValidationException("maxRetry " + maxRetry + " is outside 1..100");
        }
        if (findTime.getSeconds() < 1 || findTime.getNano() != 0) {
            throw new ValidationException("findTime " + findTime + " must be a whole number of seconds, at least 1");
        }
        if ((banTime.getSeconds() < 1 && banTime.getSeconds() != -1) || banTime.getNano() != 0) {
            throw new ValidationException("banTime " + banTime + " must be at least one second (or -1 for ever)");
        }
    }

    private static boolean validPort(String p) {
        if (p.matches("[a-z][a-z0-9-]{0,30}")) {
            return true;
        }
        String[] range = p.split(":", -1);
        if (range.length > 2) {
            return false;
        }
        for (String r : range) {
            if (!r.matches("\\d{1,5}") || Integer.parseInt(r) < 1 || Integer.parseInt(r) > 65535) {
                return false;
            }
        }
        return range.length == 1 || Integer.parseInt(range[0]) <= Integer.parseInt(range[1]);
    }

    private static String printable(String s) {
        return s.replaceAll("[\\p{Cntrl}]", "?");
    }

    /** A builder with the seed's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code jail.local} text: a comment and the {@code [sshd]} section. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by Bulwark: ban addresses that fail SSH logins.\n");
        sb.append("[sshd]\n");
        sb.append("enabled = ").append(enabled).append('\n');
        sb.append("port = ").append(String.join(",", ports)).append('\n');
        sb.append("maxretry = ").append(maxRetry).append('\n');
        sb.append("findtime = ").append(Durations.format(findTime)).append('\n');
        sb.append("bantime = ").append(Durations.format(banTime)).append('\n');
        increment.ifPresent(i -> {
            sb.append("bantime.increment = true\n");
            sb.append("bantime.factor = ").append(i.factor()).append('\n');
            sb.append("bantime.maxtime = ").append(Durations.format(i.maxTime())).append('\n');
            sb.append("bantime.overalljails = ").append(i.overallJails()).append('\n');
        });
        sb.append("backend = ").append(backend.wireName()).append('\n');
        sb.append("banaction = ").append(banAction.wireName()).append('\n');
        return sb.toString();
    }

    /**
     * Writes {@link #render()} atomically to {@code file} (usually {@code /etc/fail2ban/jail.local}) with mode 0644.
     *
     * @throws IOException when writing fails; the old file is then intact
     */
    public void write(Path file) throws IOException {
        SafeFiles.writeString(file, render(), FileMode.PUBLIC);
    }

    /** Builds an {@link SshdJail}; validation happens in {@link #build()}. */
    public static final class Builder {
        private boolean enabled = true;
        private List<String> ports = List.of("ssh");
        private int maxRetry = 3;
        private Duration findTime = Duration.ofMinutes(10);
        private Duration banTime = Duration.ofHours(1);
        private Optional<BantimeIncrement> increment = Optional.of(BantimeIncrement.DEFAULT);
        private Backend backend = Backend.SYSTEMD;
        private BanAction banAction = BanAction.NFTABLES;

        private Builder() {
        }

        /** Whether the jail runs; default {@code true}. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** One port number; default the service name {@code ssh} (22). */
        public Builder port(int port) {
            this.ports = List.of(Integer.toString(port));
            return this;
        }

        /** Ports, ranges or service names; default {@code ssh}. */
        public Builder ports(String... ports) {
            this.ports = List.of(ports);
            return this;
        }

        /** Failures before a ban; default 3. */
        public Builder maxRetry(int maxRetry) {
            this.maxRetry = maxRetry;
            return this;
        }

        /** The window for failures; default 10 minutes. */
        public Builder findTime(Duration findTime) {
            this.findTime = findTime;
            return this;
        }

        /** The ban length; default 1 hour. */
        public Builder banTime(Duration banTime) {
            this.banTime = banTime;
            return this;
        }

        /** Incremental bans; default {@link BantimeIncrement#DEFAULT}. */
        public Builder increment(BantimeIncrement increment) {
            this.increment = Optional.of(increment);
            return this;
        }

        /** No incremental bans; default is to have them. */
        public Builder noIncrement() {
            this.increment = Optional.empty();
            return this;
        }

        /** The log backend; default {@link Backend#SYSTEMD} (Debian 12 logs to the journal). */
        public Builder backend(Backend backend) {
            this.backend = backend;
            return this;
        }

        /** The firewall; default {@link BanAction#NFTABLES}. */
        public Builder banAction(BanAction banAction) {
            this.banAction = banAction;
            return this;
        }

        /** Validates and builds. */
        public SshdJail build() {
            return new SshdJail(enabled, ports, maxRetry, findTime, banTime, increment, backend, banAction);
        }
    }
}
