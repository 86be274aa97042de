package dev.bulwark.ssh.config;

import dev.bulwark.core.audit.Finding;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a {@link HardeningBaseline} to a configuration. Each setting is written globally: every
 * global line of the keyword (including lines in {@code Match All}) is rewritten in place (so an earlier drop-in such as cloud-init's
 * {@code 50-cloud-init.conf} can no longer win with its first value), and a keyword set nowhere is
 * added before the first {@code Match} block. {@code Match} blocks are left alone; what they still
 * weaken stays in {@link Result#remaining()}.
 *
 * <pre>{@code
 * SshdHardening.Result r = SshdHardening.harden(config, HardeningBaseline.SEED.withAllowUsers("alice"));
 * System.out.print(r.change().diff());
 * }</pre>
 */
public final class SshdHardening {

    private SshdHardening() {
    }

    /**
     * The outcome of hardening.
     *
     * @param change    the configuration before and after, with the diff
     * @param fixed     the findings of the original that the hardened configuration no longer has
     * @param remaining the findings of the hardened configuration
     */
    public record Result(SshdChange change, List<Finding> fixed, List<Finding> remaining) {
        /** Validates and copies the components. */
        public Result {
            Objects.requireNonNull(change, "change");
            fixed = List.copyOf(fixed);
            remaining = List.copyOf(remaining);
        }

        /** The hardened configuration. */
        public SshdConfig hardened() {
            return change.after();
        }

        /** The unified diff of the hardening. */
        public String diff() {
            return change.diff();
        }
    }

    /** Hardens with the seed's baseline. */
    public static Result harden(SshdConfig config) {
        return harden(config, HardeningBaseline.SEED);
    }

    /** Hardens {@code config} so that its global settings meet {@code baseline}. */
    public static Result harden(SshdConfig config, HardeningBaseline baseline) {
        SshdConfig current = config;
        for (Map.Entry<SshdKeyword, List<String>> e : baseline.settings().entrySet()) {
            SshdKeyword k = e.getKey();
            boolean consistent = current.directives(k).stream().filter(Directive::isGlobal)
                    .allMatch(d -> d.arguments().equals(e.getValue()));
            boolean set = !current.effective().isDefault(k);
            if (!(consistent && set)) {
                current = ConfigEditor.setEverywhere(current, k, e.getValue());
            }
        }
        List<Finding> before = config.audit();
        List<Finding> after = current.audit();
        Set<String> remainingKeys = after.stream().map(SshdHardening::key).collect(Collectors.toSet());
        List<Finding> fixed = before.stream().filter(f -> !remainingKeys.contains(key(f))).collect(Collectors.toList());
        return new Result(new SshdChange(config, current), fixed, after);
    }

    /** A finding's identity across edits: its id and, inside a Match block, the block's condition. */
    private static String key(Finding f) {
        String m = f.message();
        int paren = m.indexOf(" (");
        return f.id() + (m.startsWith("Inside Match ") && paren > 0 ? "|" + m.substring(0, paren) : "");
    }
}
