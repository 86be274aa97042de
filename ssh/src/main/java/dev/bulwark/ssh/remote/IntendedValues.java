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

/**
 * Compares what a change means to set with what {@code sshd -T -C …} prints, by meaning: values
 * are first rendered as sshd prints them ({@link EffectiveConfig#values}: times in seconds, sizes
 * in bytes, algorithm lists resolved, synonyms mapped), and listen addresses are compared as
 * address and port ({@link ListenAddresses}). Not API.
 */
final class IntendedValues {

    private IntendedValues() {
    }

    /** One sentence per option the change sets that sshd shows with another value; empty when all match. */
    static List<String> differences(SshdConfig before, SshdConfig after, ConnectionSpec spec, String sshdT) {
        Map<String, List<String>> shown = new LinkedHashMap<>();
        Map<String, List<String>> shownLines = new LinkedHashMap<>();
        for (String line : sshdT.split("\n")) {
            String[] kv = line.strip().split("\\s+", 2);
            if (kv.length == 2) {
                String key = kv[0].toLowerCase(Locale.ROOT);
                shown.computeIfAbsent(key, k -> new ArrayList<>()).addAll(tokens(kv[1]));
                shownLines.computeIfAbsent(key, k -> new ArrayList<>()).add(kv[1].strip());
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
            if (k == SshdKeyword.LISTEN_ADDRESS) {
                ListenAddresses.differences(now.values(k), now.values(SshdKeyword.PORT),
                        shownLines.get(k.wireName().toLowerCase(Locale.ROOT))).ifPresent(out::add);
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

    /** The values of the lines of {@code sshd -T} output that start with {@code key} (lower case). */
    static List<String> shownLines(String sshdT, String key) {
        List<String> out = new ArrayList<>();
        for (String line : sshdT.split("\n")) {
            String[] kv = line.strip().split("\\s+", 2);
            if (kv.length == 2 && kv[0].equalsIgnoreCase(key)) {
                out.add(kv[1].strip());
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
