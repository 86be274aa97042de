package dev.bulwark.ssh.knownhosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.ToolRun;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test: for a file of random pattern lists (wildcards, negation, ports, hashed names),
 * the lines Bulwark finds for each host and port are exactly the lines {@code ssh-keygen -F} finds.
 */
@RequiresTool("ssh-keygen")
class KnownHostsMatchingInteropTest {

    private static final Pattern FOUND = Pattern.compile("^# Host .* found: line (\\d+)", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {20261125L, 1L, 42L, 7_000_000_007L})
    void findsTheSameLinesAsSshKeygenForEveryHostAndPort(long seed) throws IOException {
        Random random = new Random(seed);
        String key = KnownHostsTest.newKey().toOpenSsh();
        List<String> names = List.of("a", "b", "ab", "a.b", "b.a", "aa.b", "A.B", "ba.ab", "a.b.a");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            if (i % 10 == 9) {
                String host = names.get(random.nextInt(names.size()));
                lines.add(HostNames.Hashed.of(host, random.nextBoolean() ? 22 : 2222, new SecureRandom()).render() + " " + key);
                continue;
            }
            List<String> patterns = new ArrayList<>();
            for (int p = 0, n = 1 + random.nextInt(3); p < n; p++) {
                String pattern = randomPattern(random);
                if (random.nextInt(5) == 0) {
                    pattern = "[" + pattern + "]:2222";
                }
                patterns.add(random.nextInt(4) == 0 ? "!" + pattern : pattern);
            }
            lines.add(String.join(",", patterns) + " " + key);
        }
        String text = String.join("\n", lines) + "\n";
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, text);
        KnownHosts known = KnownHosts.parse(text);
        int compared = 0;
        int nonEmpty = 0;
        for (String host : names) {
            for (int port : new int[] {22, 2222}) {
                // ssh(1) lowercases the host name before it looks it up, hashed or not; so does Bulwark
                // ("A.B" is looked up as "a.b"). ssh-keygen -F does not, so it is given the lower-case form.
                String query = HostPattern.hostKey(host, port);
                ToolRun run = ToolRun.run(Tools.path("ssh-keygen"), "-F", query, "-f", file.toString());
                TreeSet<Integer> expected = new TreeSet<>();
                Matcher m = FOUND.matcher(run.stdout());
                while (m.find()) {
                    expected.add(Integer.parseInt(m.group(1)));
                }
                TreeSet<Integer> actual = new TreeSet<>();
                List<HostKeyEntry> entries = known.entries();
                for (int i = 0; i < entries.size(); i++) {
                    if (entries.get(i).matches(host, port)) {
                        actual.add(i + 1);
                    }
                }
                assertThat(actual).as(query).isEqualTo(expected);
                compared++;
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
        }
        assertThat(compared).isEqualTo(18);
        assertThat(nonEmpty).isGreaterThan(6);
    }

    private static String randomPattern(Random random) {
        String alphabet = "ab.*?";
        StringBuilder out = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
