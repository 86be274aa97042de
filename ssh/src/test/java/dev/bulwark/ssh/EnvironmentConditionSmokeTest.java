package dev.bulwark.ssh;

import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proves the core test-jar's environment support is usable from another module's tests. */
@RequiresTool("ssh-keygen")
class EnvironmentConditionSmokeTest {

    @Test
    void findsTheRequiredToolOnThePath() {
        assertThat(Tools.find("ssh-keygen")).isPresent();
        assertThat(Tools.path("ssh-keygen")).endsWith("/ssh-keygen");
    }
}
