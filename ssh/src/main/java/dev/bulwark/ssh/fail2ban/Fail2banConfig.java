package dev.bulwark.ssh.fail2ban;

import dev.bulwark.core.Position;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.ssh.config.EffectiveConfig;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdKeyword;
import dev.bulwark.ssh.fail2ban.internal.Durations;
import dev.bulwark.ssh.fail2ban.internal.Ini;
import dev.bulwark.ssh.internal.lines.TextFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fail2ban's jail configuration as fail2ban reads it: {@code jail.conf}, {@code jail.d/*.conf},
 * {@code jail.local}, {@code jail.d/*.local} (each with its {@code [INCLUDES] before/after}), later
 * values overriding earlier ones, {@code [DEFAULT]} inherited by every jail and {@code %(name)s}
 * interpolated. {@link #audit()} reports whether the sshd jail is on and how strict it is.
 */
public final class Fail2banConfig {

    /** Failures above this count are reported. */
    public static final int MAX_RETRY = 5;
    /** Windows and bans shorter than this are reported. */
    public static final Duration MIN_TIME = Duration.ofMinutes(10);

    private static final Pattern INTERPOLATION = Pattern.compile("%\\(([^)]{1,100})\\)s");
    private final Map<String, Map<String, Ini.Entry>> sections;
    private final String origin;

    private Fail2banConfig(Map<String, Map<String, Ini.Entry>> sections, String origin) {
        this.sections = sections;
        this.origin = origin;
    }

    /** Parses one file's text (a {@code jail.local} or {@code jail.d} file) on its own. */
    public static Fail2banConfig parse(String text) {
        return parse(text, "jail.local");
    }

    /** Parses one file's text, naming it {@code source} in positions. */
    public static Fail2banConfig parse(String text, String source) {
        Map<String, Map<String, Ini.Entry>> merged = new LinkedHashMap<>();
        merge(merged, Ini.parse(text, source));
        return new Fail2banConfig(merged, source);
    }

    /** Reads a configuration directory such as {@code /etc/fail2ban} in fail2ban's order. */
    public static Fail2banConfig read(Path confDir) throws IOException {
        Map<String, Map<String, Ini.Entry>> merged = new LinkedHashMap<>();
        List<Path> order = new ArrayList<>();
        order.add(confDir.resolve("jail.conf"));
        order.addAll(list(confDir.resolve("jail.d"), ".conf"));
        order.add(confDir.resolve("jail.local"));
        order.addAll(list(confDir.resolve("jail.d"), ".local"));
        for (Path p : order) {
            readWithIncludes(confDir, p, merged, 0);
        }
        return new Fail2banConfig(merged, confDir.toString());
    }

    private static void readWithIncludes(Path confDir, Path file, Map<String, Map<String, Ini.Entry>> merged, int depth)
            throws IOException {
        if (!Files.isRegularFile(file) || depth > 10) {
            return;
        }
        Map<String, Map<String, Ini.Entry>> parsed = Ini.parse(TextFiles.readUtf8(file), file.toString());
        Map<String, Ini.Entry> includes = parsed.getOrDefault("INCLUDES", Map.of());
        for (String before : words(includes.get("before"))) {
            readWithIncludes(confDir, confDir.resolve(before), merged, depth + 1);
        }
        merge(merged, parsed);
        for (String after : words(includes.get("after"))) {
            readWithIncludes(confDir, confDir.resolve(after), merged, depth + 1);
        }
    }

    private static List<String> words(Ini.Entry entry) {
        return entry == null ? List.of() : Ini.words(entry.value());
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + suffix)) {
                s.forEach(out::add);
            }
        }
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return out;
    }

    private static void merge(Map<String, Map<String, Ini.Entry>> into, Map<String, Map<String, Ini.Entry>> from) {
        from.forEach((section, options) -> into.computeIfAbsent(section, k -> new LinkedHashMap<>()).putAll(options));
    }

    /** The names of the jails (sections other than DEFAULT and INCLUDES). */
    public List<String> jails() {
        List<String> out = new ArrayList<>(sections.keySet());
        out.remove("DEFAULT");
        out.remove("INCLUDES");
        return out;
    }

    /** A jail with DEFAULT inherited and values interpolated; empty when there is no such section. */
    public Optional<JailSettings> jail(String name) {
        if (!sections.containsKey(name)) {
            return Optional.empty();
        }
        Map<String, Ini.Entry> raw = new LinkedHashMap<>(sections.getOrDefault("DEFAULT", Map.of()));
        raw.putAll(sections.get(name));
        Map<String, String> values = new HashMap<>();
        Map<String, Position> sources = new HashMap<>();
        raw.forEach((k, e) -> {
            values.put(k, interpolate(e.value(), raw, 0));
            sources.put(k, e.position());
        });
        return Optional.of(new JailSettings(name, values, sources));
    }

    /** The {@code [sshd]} jail. */
    public Optional<JailSettings> sshdJail() {
        return jail("sshd");
    }

    private String interpolate(String value, Map<String, Ini.Entry> scope, int depth) {
        if (depth > 10 || value.indexOf('%') < 0) {
            return value;
        }
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            Ini.Entry e = key.contains("/") ? sections.getOrDefault("DEFAULT", Map.of()).get(key.substring(key.indexOf('/') + 1))
                    : scope.get(key);
            String replacement = e == null ? m.group() : interpolate(e.value(), scope, depth + 1);
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Whether the sshd jail is on and how strict it is. */
    public List<Finding> audit() {
        return audit(List.of());
    }

    /** {@link #audit()}, plus a check that the jail bans on sshd's ports (22 for the service name {@code ssh}). */
    public List<Finding> audit(Collection<Integer> sshdPorts) {
        return audit(sshdPorts, Severity.MEDIUM);
    }

    /**
     * Audits the jail against the sshd configuration it protects: sshd's effective ports, and, the
     * seed's rule, a missing or disabled jail is HIGH while sshd still accepts passwords
     * ({@code PasswordAuthentication yes}, or keyboard-interactive with {@code UsePAM yes}).
     */
    public List<Finding> audit(SshdConfig sshd) {
        EffectiveConfig e = sshd.effective();
        List<Integer> ports = new ArrayList<>();
        e.values(SshdKeyword.PORT).forEach(p -> ports.add(Integer.parseInt(p)));
        boolean passwords = e.value(SshdKeyword.PASSWORD_AUTHENTICATION).orElse("yes").equals("yes")
                || e.value(SshdKeyword.KBD_INTERACTIVE_AUTHENTICATION).orElse("yes").equals("yes")
                && e.value(SshdKeyword.USE_PAM).orElse("no").equals("yes");
        return audit(ports, passwords ? Severity.HIGH : Severity.LOW);
    }

    private List<Finding> audit(Collection<Integer> sshdPorts, Severity missing) {
        List<Finding> out = new ArrayList<>();
        Optional<JailSettings> found = sshdJail();
        if (found.isEmpty()) {
            out.add(new Finding("fail2ban.sshd-jail-missing", missing, origin,
                    "No [sshd] jail is configured: password guessing against sshd is never banned",
                    "Write a jail.local with SshdJail.builder().build().render()."));
            return out;
        }
        JailSettings j = found.get();
        if (!j.enabled()) {
            out.add(new Finding("fail2ban.sshd-jail-disabled", missing, j.where("enabled"),
                    "The [sshd] jail is disabled", "Set enabled = true in the [sshd] section of jail.local."));
            return out;
        }
        int retry = j.maxRetry().orElse(5);
        Duration find = j.findTime().orElse(MIN_TIME);
        Duration ban = j.banTime().orElse(MIN_TIME);
        if (retry > MAX_RETRY) {
            out.add(new Finding("fail2ban.sshd-maxretry", Severity.LOW, j.where("maxretry"),
                    "maxretry " + retry + " allows more than " + MAX_RETRY + " failures before a ban", "Set maxretry = 3."));
        }
        if (find.compareTo(MIN_TIME) < 0) {
            out.add(new Finding("fail2ban.sshd-findtime", Severity.LOW, j.where("findtime"),
                    "findtime " + Durations.format(find) + " forgets failures quickly", "Set findtime = 10m or more."));
        }
        if (!ban.isNegative() && ban.compareTo(MIN_TIME) < 0) {
            out.add(new Finding("fail2ban.sshd-bantime", Severity.LOW, j.where("bantime"),
                    "bantime " + Durations.format(ban) + " lets a guesser back in quickly", "Set bantime = 1h or more."));
        }
        ports(j, sshdPorts, out);
        out.add(new Finding("fail2ban.sshd-jail", Severity.INFO, j.where("enabled"), "The [sshd] jail is on: "
                + retry + " failures within " + Durations.format(find) + " ban for "
                + (ban.isNegative() ? "ever" : Durations.format(ban)) + (j.incremental() ? ", increasing" : "")
                + ", backend " + j.value("backend").orElse("auto") + ", action " + j.value("banaction").orElse("?"),
                j.incremental() ? "Nothing to do." : "Consider bantime.increment = true for repeat offenders."));
        return out;
    }

    private static void ports(JailSettings j, Collection<Integer> sshdPorts, List<Finding> out) {
        if (sshdPorts.isEmpty()) {
            return;
        }
        String spec = j.value("port").orElse("ssh");
        for (int port : sshdPorts) {
            boolean covered = false;
            for (String p : spec.split("[,\\s]+")) {
                if (p.equals("ssh") && port == 22 || p.equals(Integer.toString(port))) {
                    covered = true;
                } else if (p.matches("\\d{1,5}:\\d{1,5}")) {
                    String[] r = p.split(":");
                    covered |= port >= Integer.parseInt(r[0]) && port <= Integer.parseInt(r[1]);
                }
            }
            if (!covered) {
                out.add(new Finding("fail2ban.sshd-port-mismatch", Severity.HIGH, j.where("port"),
                        "sshd listens on port " + port + " but the [sshd] jail bans on '" + spec + "'",
                        "Set port = " + port + " in the [sshd] section."));
            }
        }
    }

    @Override
    public String toString() {
        return "Fail2banConfig[" + origin + ", jails " + jails() + "]";
    }
}
