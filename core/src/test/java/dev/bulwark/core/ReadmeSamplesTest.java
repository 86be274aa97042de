package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Compiles (with the real javac) and runs every Java block of core/README.md marked {@code <!-- checked -->}. */
@RequiresTool({"javac", "uname", "sort", "apt-config"})
class ReadmeSamplesTest {

    private static final Pattern CHECKED = Pattern.compile("<!-- checked -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = String.join("\n",
            "import java.nio.file.*;", "import java.time.*;", "import java.util.*;",
            "import dev.bulwark.core.*;", "import dev.bulwark.core.audit.*;", "import dev.bulwark.core.host.*;",
            "import dev.bulwark.core.io.*;", "import dev.bulwark.core.net.*;", "import dev.bulwark.core.sockets.*;",
            "import dev.bulwark.core.updates.*;");

    @TempDir
    Path work;

    static List<String> samples() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> samples = new ArrayList<>();
        Matcher matcher = CHECKED.matcher(readme);
        while (matcher.find()) {
            samples.add(matcher.group(1));
        }
        return samples;
    }

    @TestFactory
    Stream<DynamicTest> everyCheckedSampleCompilesAndRuns() throws IOException {
        List<String> samples = samples();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(4);
        return java.util.stream.IntStream.range(0, samples.size())
                .mapToObj(i -> DynamicTest.dynamicTest("sample " + (i + 1), () -> compileAndRun(i, samples.get(i))));
    }

    private void compileAndRun(int index, String body) throws Exception {
        String name = "ReadmeSample" + index;
        Path source = work.resolve(name + ".java");
        Files.writeString(source, IMPORTS + "\npublic class " + name + " {\n"
                + "    public static void run(Path dir) throws Exception {\n" + body + "\n    }\n}\n");
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path coreClasses = Path.of(SafeFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        CommandResult javac = LocalHost.create().run(List.of(Tools.path("javac"), "--release", "17", "-proc:none",
                "-d", classes.toString(), "-cp", coreClasses.toString(), source.toString()), Duration.ofMinutes(2));
        assertThat(javac.isSuccess()).as("README sample %d does not compile:\n%s", index + 1, javac.stderr()).isTrue();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Method run = loader.loadClass(name).getMethod("run", Path.class);
            run.invoke(null, Files.createDirectories(work.resolve("dir" + index)));
        }
    }
}
