package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.config.internal.UnifiedDiff;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diff generator against GNU patch: random edits of random files, applied with {@code patch}, give the new text. */
@RequiresTool("patch")
class UnifiedDiffInteropTest {

    @TempDir
    Path dir;

    @Test
    void patchAppliesEveryGeneratedDiff() throws Exception {
        Random random = new Random(20261125L);
        for (int round = 0; round < 60; round++) {
            List<String> a = new ArrayList<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                a.add("line " + random.nextInt(8));
            }
            List<String> b = new ArrayList<>(a);
            int edits = random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int op = random.nextInt(3);
                if (op == 0 || b.isEmpty()) {
                    b.add(random.nextInt(b.size() + 1), "new " + random.nextInt(5));
                } else if (op == 1) {
                    b.remove(random.nextInt(b.size()));
                } else {
                    b.set(random.nextInt(b.size()), "changed " + random.nextInt(5));
                }
            }
            Path file = dir.resolve("f" + round);
            Files.writeString(file, SshdConfigFile.join(a));
            String diff = UnifiedDiff.diff("a/f", "b/f", a, b, random.nextInt(4));
            if (a.equals(b)) {
                assertThat(diff).isEmpty();
                continue;
            }
            Path patch = dir.resolve("p" + round);
            Files.writeString(patch, diff);
            RealSshd.Result r = RealSshd.run(List.of(Tools.path("patch"), "-s", file.toString(), patch.toString()));
            assertThat(r.exitCode()).as("round %d\n%s\n%s", round, diff, r.stdout() + r.stderr()).isZero();
            assertThat(Files.readString(file)).as("round %d\n%s", round, diff).isEqualTo(SshdConfigFile.join(b));
        }
    }

    @Test
    void equalTextsHaveNoDiffAndNewFilesDiffFromDevNull() {
        assertThat(UnifiedDiff.diff("a", "b", List.of("x"), List.of("x"), 3)).isEmpty();
        assertThat(UnifiedDiff.diff("/dev/null", "new", List.of(), List.of("x", "y"), 3))
                .isEqualTo("--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    }
}
