package dev.bulwark.firewall.apply;

import dev.bulwark.testing.Tools;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The environment check of {@code @RequiresNetworkNamespaces} and {@code @RequiresTool} for jqwik
 * properties, which JUnit Jupiter extensions do not reach: aborts (skips) the property with the
 * reason, or fails it under {@code -Dbulwark.requireTools=true}.
 */
final class KernelSupport {

    private KernelSupport() {
    }

    static void assumeNamespacesAndTools(String... tools) {
        List<String> missing = new ArrayList<>();
        Tools.netnsUnavailableReason().ifPresent(missing::add);
        for (String tool : tools) {
            if (Tools.find(tool).isEmpty()) {
                missing.add("tool '" + tool + "' is not installed");
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (Tools.required()) {
            throw new AssertionError("-D" + Tools.REQUIRE_PROPERTY + "=true but " + String.join("; ", missing));
        }
        Assumptions.assumeTrue(false, "skipped: " + String.join("; ", missing));
    }
}
