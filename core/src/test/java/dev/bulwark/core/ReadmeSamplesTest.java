package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.testing.ReadmeSamples;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Compiles (with the real javac) and runs every Java block of core/README.md marked {@code <!-- checked -->}. */
@RequiresTool({"javac", "uname", "sort", "apt-config"})
class ReadmeSamplesTest {

    private static final String IMPORTS = String.join("\n",
            "import java.nio.file.*;", "import java.time.*;", "import java.util.*;",
            "import dev.bulwark.core.*;", "import dev.bulwark.core.audit.*;", "import dev.bulwark.core.host.*;",
            "import dev.bulwark.core.io.*;", "import dev.bulwark.core.net.*;", "import dev.bulwark.core.sockets.*;",
            "import dev.bulwark.core.updates.*;");

    @TempDir
    Path work;

    static List<String> samples() throws IOException {
        return ReadmeSamples.checkedJavaBlocks(Path.of("README.md"));
    }

    @TestFactory
    Stream<DynamicTest> everyCheckedSampleCompilesAndRuns() throws IOException {
        List<String> samples = samples();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(4);
        return java.util.stream.IntStream.range(0, samples.size())
                .mapToObj(i -> DynamicTest.dynamicTest("sample " + (i + 1), () -> compileAndRun(i, samples.get(i))));
    }

    private void compileAndRun(int index, String body) throws Exception {
        ReadmeSamples.compileAndRun(work, "ReadmeSample" + index, IMPORTS, body, ReadmeSamples.locations(SafeFiles.class),
                getClass().getClassLoader(), Files.createDirectories(work.resolve("dir" + index)));
    }
}
