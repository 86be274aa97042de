package dev.bulwark.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Finds external tools and answers questions about the test environment. */
public final class Tools {

    /** The system property that turns a missing tool from a skip into a failure. */
    public static final String REQUIRE_PROPERTY = "bulwark.requireTools";

    private static final ConcurrentMap<String, Optional<Path>> FOUND = new ConcurrentHashMap<>();
    private static volatile Boolean netnsUsable;

    private Tools() {
    }

    /** Whether missing tools must fail tests ({@code -Dbulwark.requireTools=true}). */
    public static boolean required() {
        return Boolean.getBoolean(REQUIRE_PROPERTY);
    }

    /** The executable's absolute path, searching PATH, then {@code /usr/sbin} and {@code /sbin}. */
    public static Optional<Path> find(String name) {
        return FOUND.computeIfAbsent(name, Tools::search);
    }

    /** The executable's absolute path; throws when it is missing (call after {@code @RequiresTool}). */
    public static String path(String name) {
        return find(name).map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(name + " is not installed"));
    }

    private static Optional<Path> search(String name) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether this JVM runs as root. */
    public static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 && out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Why network namespaces cannot be used here, or empty when they can. */
    public static Optional<String> netnsUnavailableReason() {
        if (!isRoot()) {
            return Optional.of("network namespaces need root");
        }
        if (find("ip").isEmpty()) {
            return Optional.of("the ip tool (iproute2) is not installed");
        }
        Boolean usable = netnsUsable;
        if (usable == null) {
            String probe = "bwprobe" + ProcessHandle.current().pid();
            usable = run(List.of(path("ip"), "netns", "add", probe)) == 0;
            run(List.of(path("ip"), "netns", "delete", probe));
            netnsUsable = usable;
        }
        return usable ? Optional.empty() : Optional.of("'ip netns add' is not permitted on this machine");
    }

    static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
