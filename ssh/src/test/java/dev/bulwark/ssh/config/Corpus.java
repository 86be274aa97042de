package dev.bulwark.ssh.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sshd_config corpus: each resource holds several files ({@code === relative/path} headers);
 * {@code @DIR@} stands for the directory they are written to.
 */
final class Corpus {

    static final List<String> NAMES = List.of("01-debian-default", "02-cloud-init-trap", "03-match-user",
            "04-match-address-cidr", "05-match-negation", "06-match-group", "07-match-local", "08-match-all",
            "09-include-glob-order", "10-include-nested", "11-include-in-match", "12-match-in-include",
            "13-accumulating", "14-algorithms", "15-time-values", "16-aliases-case", "17-deprecated",
            "18-quotes-comments", "19-multistate", "20-last-wins", "21-hardened", "22-rdomain-ipv6",
            "23-match-multi-criteria");

    private Corpus() {
    }

    /** The files of a case, relative path → text, the main file first. */
    static Map<String, String> load(String name) throws IOException {
        String text;
        try (InputStream in = Objects.requireNonNull(Corpus.class.getResourceAsStream("corpus/" + name + ".txt"), name)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> files = new LinkedHashMap<>();
        String current = null;
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("=== ")) {
                if (current != null) {
                    files.put(current, String.join("\n", lines).strip() + "\n");
                }
                current = line.substring(4).strip();
                lines.clear();
            } else {
                lines.add(line);
            }
        }
        files.put(current, String.join("\n", lines).strip() + "\n");
        return files;
    }

    /**
     * Writes a case into {@code dir}, with a {@code HostKey} line first in the main file; returns the main file.
     */
    static Path write(String name, Path dir, Path hostKey) throws IOException {
        Path main = null;
        for (Map.Entry<String, String> e : load(name).entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            String text = e.getValue().replace("@DIR@", dir.toString());
            if (main == null) {
                text = "HostKey " + hostKey + "\n" + text;
                main = p;
            }
            Files.writeString(p, text);
        }
        return main;
    }
}
