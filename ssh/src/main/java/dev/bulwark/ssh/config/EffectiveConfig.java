package dev.bulwark.ssh.config;

import dev.bulwark.ssh.config.internal.TFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The configuration sshd applies: for every option, the lines that decide it (or the compiled
 * default of OpenSSH 9.2p1 when none does), computed the way sshd does it. Global lines are applied
 * first-wins (or accumulated); for a connection, the lines of every matching {@code Match} block
 * are applied the same way among themselves and then replace the global value, which is what
 * {@code sshd -T -C user=…,host=…,addr=…} prints. {@code RekeyLimit} is two options in sshd (bytes
 * and interval), each decided by the first line that gives it.
 */
public final class EffectiveConfig {

    private final Map<SshdKeyword, List<Directive>> winners;
    private final Optional<ConnectionSpec> connection;

    private EffectiveConfig(Map<SshdKeyword, List<Directive>> winners, Optional<ConnectionSpec> connection) {
        this.winners = winners;
        this.connection = connection;
    }

    static EffectiveConfig of(List<Directive> directives, Optional<ConnectionSpec> connection) {
        Map<SshdKeyword, List<Directive>> global = apply(directives, Directive::isGlobal);
        if (connection.isPresent()) {
            ConnectionSpec c = connection.get();
            Map<SshdKeyword, List<Directive>> matched = apply(directives,
                    d -> !d.conditions().isEmpty() && d.keyword().allowedInMatch() && d.appliesTo(c));
            for (Map.Entry<SshdKeyword, List<Directive>> m : matched.entrySet()) {
                List<Directive> merged = new ArrayList<>(m.getValue());
                if (m.getKey() == SshdKeyword.REKEY_LIMIT) {
                    merged.addAll(global.getOrDefault(m.getKey(), List.of()));
                }
                global.put(m.getKey(), List.copyOf(merged));
            }
        }
        return new EffectiveConfig(global, connection);
    }

    private static Map<SshdKeyword, List<Directive>> apply(List<Directive> directives,
                                                           Predicate<Directive> active) {
        Map<SshdKeyword, List<Directive>> out = new EnumMap<>(SshdKeyword.class);
        for (Directive d : directives) {
            SshdKeyword k = d.keyword();
            if (k.isObsolete() || k.multiplicity() == SshdKeyword.Multiplicity.STRUCTURE || !active.test(d)) {
                continue;
            }
            switch (k == SshdKeyword.REKEY_LIMIT ? SshdKeyword.Multiplicity.ACCUMULATES : k.multiplicity()) {
                case FIRST_WINS:
                    out.putIfAbsent(k, List.of(d));
                    break;
                case LAST_WINS:
                    out.put(k, List.of(d));
                    break;
                default:
                    List<Directive> list = new ArrayList<>(out.getOrDefault(k, List.of()));
                    list.add(d);
                    out.put(k, List.copyOf(list));
            }
        }
        return out;
    }

    /** The connection this was computed for; empty for the global (startup) configuration. */
    public Optional<ConnectionSpec> connection() {
        return connection;
    }

    /** The lines that decide the keyword (several for accumulating keywords); empty when the default applies. */
    public List<Directive> sources(SshdKeyword keyword) {
        return winners.getOrDefault(keyword, List.of());
    }

    /** The first line that decides the keyword, if any. */
    public Optional<Directive> source(SshdKeyword keyword) {
        return sources(keyword).stream().findFirst();
    }

    /** Whether no line sets the keyword, so that OpenSSH's compiled default applies. */
    public boolean isDefault(SshdKeyword keyword) {
        return sources(keyword).isEmpty();
    }

    /** The value lines as {@code sshd -T} prints them (several for accumulating keywords). */
    public List<String> values(SshdKeyword keyword) {
        return TFormat.values(keyword, sources(keyword));
    }

    /** The first value as {@code sshd -T} prints it, or empty when sshd prints none. */
    public Optional<String> value(SshdKeyword keyword) {
        return values(keyword).stream().findFirst();
    }

    /** Keyword (lower case) to value lines, for every keyword {@code sshd -T} would print. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (SshdKeyword k : SshdKeyword.values()) {
            List<String> v = values(k);
            if (!v.isEmpty() && k != SshdKeyword.DEBIAN_BANNER) {
                out.put(k.wireName().toLowerCase(Locale.ROOT), v);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The configuration in {@code sshd -T}'s format: one {@code keyword value} line per value. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, values) -> values.forEach(v -> sb.append(k).append(' ').append(v).append('\n')));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "EffectiveConfig" + connection.map(c -> "[" + c.toTestSpec() + "]").orElse("[global]")
                + " with " + winners.size() + " options set";
    }
}
