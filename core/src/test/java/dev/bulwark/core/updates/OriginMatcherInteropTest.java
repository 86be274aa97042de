package dev.bulwark.core.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OriginMatcher} decides as unattended-upgrades' own code does: a corpus of
 * {@code Allowed-Origins} / {@code Origins-Pattern} configurations is run through the installed
 * {@code /usr/bin/unattended-upgrade}'s {@code get_allowed_origins} and {@code is_allowed_origin}
 * (loaded as a module by {@code uu_match.py}, with python3-apt's real apt_pkg configuration) and
 * through Bulwark, on Debian and on Ubuntu, against their real security package files and others.
 */
@Tag("interop")
@RequiresTool("unattended-upgrade")
class OriginMatcherInteropTest {

    private static final List<AptOrigin> FILES = List.of(
            new AptOrigin("Debian", "Debian-Security", "oldstable-security", "bookworm-security", "main", "deb.debian.org"),
            new AptOrigin("Debian", "Debian-Security", "stable-security", "trixie-security", "contrib", "security.debian.org"),
            new AptOrigin("Debian", "Debian", "oldstable", "bookworm", "main", "deb.debian.org"),
            new AptOrigin("Debian", "Debian", "oldstable-updates", "bookworm-updates", "main", "deb.debian.org"),
            new AptOrigin("Ubuntu", "Ubuntu", "jammy-security", "jammy", "main", "security.ubuntu.com"),
            new AptOrigin("Ubuntu", "Ubuntu", "jammy", "jammy", "universe", "archive.ubuntu.com"),
            new AptOrigin("UbuntuESM", "Ubuntu", "jammy-infra-security", "jammy", "main", "esm.ubuntu.com"),
            new AptOrigin("Docker", "Docker CE", "bookworm", "bookworm", "stable", "download.docker.com"),
            new AptOrigin("", "", "", "", "", ""));

    /** Each case: Allowed-Origins entries, then "|", then Origins-Pattern entries. */
    private static final List<String> CORPUS = List.of(
            "${distro_id}:${distro_codename}-security|",
            "${distro_id}:${distro_codename}|",
            "${distro_id}:${distro_codename}-updates|",
            "${distro_id}ESM:${distro_codename}-infra-security|",
            "Debian stable-security|",
            "Debian:oldstable-security|",
            "Debian:*-security|",
            "Debian\\:x:bookworm|",
            "a:b:c|",
            "onlyone|",
            "|",
            "Debian,Ubuntu:jammy-security|",
            "$distro_id:$distro_codename|",
            "${DISTRO_ID}:x|",
            "$$:x|",
            "${distro_id:x|",
            "|origin=Debian,codename=${distro_codename},label=Debian-Security",
            "|origin=Debian,codename=${distro_codename}-security,label=Debian-Security",
            "|origin=Debian,codename=${distro_codename},label=Debian",
            "|origin=Ubuntu,archive=${distro_codename}-security,label=Ubuntu",
            "|o=Debian,a=stable-security",
            "|o=Debian,a=*stable-security",
            "|o=Debian,n=${distro_codename}-security",
            "|o=${distro_id},l=${distro_id}-Security",
            "|origin=*",
            "|o=*",
            "|site=deb.debian.org",
            "|site=*.debian.org,c=main",
            "|c=contrib",
            "|component=main,suite=jammy-security",
            "|l=Debian-Security,c=m?in",
            "|l=debian-security",
            "|n=[bt]*-security",
            "|n=[!b]*-security",
            "|n=bookworm-securit[xyz]",
            "|a=[z-a]*",
            "|a=[!z-a]*",
            "|a=[a-",
            "|l=Docker CE",
            "|o=Docker, l = Docker CE ",
            "|o=Debian\\,Ubuntu",
            "|o=Debian,",
            "|o=Debian,a=x=y",
            "|lable=Debian-Security",
            "|o=Debian,foo=bar",
            "|   ",
            "|o=${distro_id},n=${distro_codename}-*",
            "|o=$distro_id",
            "|o=${nope}",
            "|o=Debian$",
            "|o=De$$bian",
            "|o=Debian,codename=${distro_codename}|o=Ubuntu,a=${distro_codename}-security",
            "${distro_id}:${distro_codename}-security|o=Debian,label=Debian-Security",
            "bad|o=Debian");

    @TempDir
    Path dir;

    @Test
    void bulwarkSelectsWhatUnattendedUpgradesSelectsOnDebian() throws IOException {
        compare("Debian", "bookworm");
    }

    @Test
    void bulwarkSelectsWhatUnattendedUpgradesSelectsOnUbuntu() throws IOException {
        compare("Ubuntu", "jammy");
    }

    private void compare(String id, String codename) throws IOException {
        Path script = dir.resolve("uu_match.py");
        try (InputStream in = getClass().getResourceAsStream("uu_match.py")) {
            Files.copy(in, script);
        }
        String uu = Tools.path("unattended-upgrade");
        String interpreter = Files.readAllLines(Path.of(uu)).get(0).substring(2).strip();
        StringBuilder input = new StringBuilder("D\t" + id + "\t" + codename + "\n");
        for (AptOrigin o : FILES) {
            input.append(String.join("\t", "O", o.origin(), o.label(), o.archive(), o.codename(), o.component(),
                    o.site())).append('\n');
        }
        for (String c : CORPUS) {
            String[] lists = c.split("\\|", -1);
            input.append("C\t").append(lists[0].replace(";", "\u001f")).append('\t')
                    .append(String.join("\u001f", List.of(lists).subList(1, lists.length)).replace("\u001f\u001f", ""))
                    .append('\n');
        }
        CommandResult result = LocalHost.create().run(List.of(interpreter, script.toString(), uu),
                input.toString().getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60)).requireSuccess();
        List<String> theirs = result.stdout().lines().toList();
        assertThat(theirs).hasSize(CORPUS.size());
        OriginMatcher matcher = new OriginMatcher(id, codename);
        int selected = 0;
        for (int i = 0; i < CORPUS.size(); i++) {
            String[] lists = CORPUS.get(i).split("\\|", -1);
            List<String> allowed = lists[0].isEmpty() ? List.of() : List.of(lists[0].split(";"));
            List<String> patterns = new ArrayList<>(List.of(lists).subList(1, lists.length));
            patterns.removeIf(String::isEmpty);
            List<String> ours = new ArrayList<>();
            try {
                List<String> built = matcher.patterns(allowed, patterns);
                for (AptOrigin o : FILES) {
                    try {
                        ours.add(matcher.allowed(built, o) ? "1" : "0");
                    } catch (OriginMatcher.Rejected e) {
                        ours.add("E");
                    }
                }
            } catch (OriginMatcher.Rejected e) {
                FILES.forEach(o -> ours.add("E"));
            }
            List<String> expected = List.of(theirs.get(i).replaceAll("E:\\w+", "E").split(" "));
            assertThat(ours).as("case %s on %s %s", CORPUS.get(i), id, codename).isEqualTo(expected);
            selected += (int) expected.stream().filter("1"::equals).count();
        }
        assertThat(selected).as("the corpus selects something").isGreaterThan(20);
    }
}
