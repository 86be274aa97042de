package dev.bulwark.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every Java block of firewall/README.md marked {@code <!-- checked -->} with the real
 * {@code javac} against the module's classes, so the samples cannot drift from the API (they apply
 * firewalls, so they are compiled, not run).
 */
@RequiresTool("javac")
class ReadmeSamplesTest {

    private static final Pattern CHECKED = Pattern.compile("<!-- checked -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path work;

    @Test
    void checkedReadmeSamplesCompile() throws IOException, InterruptedException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = CHECKED.matcher(readme);
        List<String> files = new ArrayList<>();
        int k = 0;
        while (m.find()) {
            k++;
            String source = "import java.util.*;\nimport dev.bulwark.core.audit.*;\nimport dev.bulwark.core.host.*;\n"
                    + "import dev.bulwark.core.net.*;\nimport dev.bulwark.firewall.*;\nimport dev.bulwark.firewall.apply.*;\n"
                    + "import dev.bulwark.firewall.render.*;\n"
                    + "class Sample" + k + " {\n  static void run() throws Exception {\n" + m.group(1) + "  }\n}\n";
            Path file = work.resolve("Sample" + k + ".java");
            Files.writeString(file, source);
            files.add(file.toString());
        }
        assertThat(files).as("checked samples in README.md").hasSizeGreaterThanOrEqualTo(3);
        List<String> command = new ArrayList<>(List.of(Tools.path("javac"), "-d", work.toString(), "-cp",
                System.getProperty("java.class.path")));
        command.addAll(files);
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        javac.getOutputStream().close();
        String errors = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(javac.waitFor(120, TimeUnit.SECONDS)).isTrue();
        int status = javac.exitValue();
        assertThat(status).as(errors).isZero();
    }
}
