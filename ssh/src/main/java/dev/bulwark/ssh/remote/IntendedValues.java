package dev.bulwark.ssh.remote;

import dev.bulwark.ssh.config.ConnectionSpec;
import dev.bulwark.ssh.config.EffectiveConfig;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdKeyword;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compares what a change means to set with what {@code sshd -T -C …} prints. Not API. */
final class IntendedValues {

    private IntendedValues() {
    }

    /** One sentence per option the change sets that sshd shows with another value; empty when all match. */
    static List<String> differences(SshdConfig before, SshdConfig after, ConnectionSpec spec, String sshdT) {
        Map<String, List<String>> shown = new LinkedHashMap<>();
        for (String line : sshdT.split("\n")) {
            String[] kv = line.strip().split("\\s+", 2);
            if (kv.length == 2) {
                shown.computeIfAbsent(kv[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(tokens(kv[1]));
            }
        }
        EffectiveConfig old = before.effective(spec);
        EffectiveConfig now = after.effective(spec);
        List<String> out = new ArrayList<>();
        for (SshdKeyword k : SshdKeyword.values()) {
            if (k.isObsolete() || k.multiplicity() == SshdKeyword.Multiplicity.STRUCTURE
                    || now.values(k).equals(old.values(k))) {
                continue;
            }
            List<String> seen = shown.get(k.wireName().toLowerCase(Locale.ROOT));
            if (seen == null) {
                continue;
            }
            List<String> intended = new ArrayList<>();
            now.values(k).forEach(v -> intended.addAll(tokens(v)));
            if (!intended.equals(seen)) {
                out.add(k.wireName() + ": intended '" + String.join(" ", intended) + "', sshd -T shows '"
                        + String.join(" ", seen) + "'");
            }
        }
        return out;
    }

    private static List<String> tokens(String value) {
        List<String> out = new ArrayList<>();
        for (String t : value.strip().split("\\s+")) {
            if (!t.isEmpty()) {
                String low = t.toLowerCase(Locale.ROOT);
                out.add(low.equals("prohibit-password") ? "without-password" : low);
            }
        }
        return out;
    }
}
