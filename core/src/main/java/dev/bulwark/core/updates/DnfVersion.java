package dev.bulwark.core.updates;

import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The installed dnf's version, read through a {@link Host}, and version comparison. */
final class DnfVersion {

    private static final Pattern VERSION = Pattern.compile("\\b(\\d{1,6})\\.(\\d{1,6})(?:\\.(\\d{1,6}))?\\b");

    private DnfVersion() {
    }

    /**
     * dnf's version as the Python module dnf-automatic runs reports it ({@code dnf.const.VERSION}),
     * else the first line of {@code dnf --version}; empty when neither says.
     */
    static Optional<String> read(Host host, Duration timeout) throws IOException {
        for (List<String> command : List.of(
                List.of("python3", "-c", "import dnf.const; print(dnf.const.VERSION)"),
                List.of("dnf", "--version"))) {
            try {
                CommandResult result = host.run(command, timeout);
                if (result.isSuccess()) {
                    String first = result.stdout().lines().findFirst().orElse("");
                    Matcher m = VERSION.matcher(first);
                    if (m.find()) {
                        return Optional.of(m.group());
                    }
                }
            } catch (CommandNotFoundException e) {
                // try the next way
            }
        }
        return Optional.empty();
    }

    /** Whether {@code version} is known and at least {@code minimum} (both {@code major.minor[.patch]}). */
    static boolean atLeast(Optional<String> version, String minimum) {
        if (version.isEmpty()) {
            return false;
        }
        Matcher v = VERSION.matcher(version.get());
        Matcher m = VERSION.matcher(minimum);
        if (!v.find() || !m.find()) {
            return false;
        }
        for (int g = 1; g <= 3; g++) {
            long a = v.group(g) == null ? 0 : Long.parseLong(v.group(g));
            long b = m.group(g) == null ? 0 : Long.parseLong(m.group(g));
            if (a != b) {
                return a > b;
            }
        }
        return true;
    }
}
