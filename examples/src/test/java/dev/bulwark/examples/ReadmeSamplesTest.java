package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.firewall.Firewall;
import dev.bulwark.pki.Pki;
import dev.bulwark.ssh.Ssh;
import dev.bulwark.testing.ReadmeSamples;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.vpn.Vpn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Compiles with the real javac and runs every Java block of the top-level README.md. */
@RequiresTool({"javac", "ss", "uname"})
class ReadmeSamplesTest {

    private static final String IMPORTS = String.join("\n",
            "import java.nio.file.*;", "import java.time.*;", "import java.util.*;",
            "import dev.bulwark.core.*;", "import dev.bulwark.core.audit.*;", "import dev.bulwark.core.host.*;",
            "import dev.bulwark.core.io.*;", "import dev.bulwark.core.net.*;", "import dev.bulwark.core.sockets.*;",
            "import dev.bulwark.core.updates.*;",
            "import dev.bulwark.ssh.*;", "import dev.bulwark.ssh.key.*;", "import dev.bulwark.ssh.authorized.*;",
            "import dev.bulwark.ssh.config.*;", "import dev.bulwark.ssh.fail2ban.*;",
            "import dev.bulwark.firewall.*;", "import dev.bulwark.firewall.render.*;",
            "import dev.bulwark.firewall.parse.*;", "import dev.bulwark.firewall.analysis.*;",
            "import dev.bulwark.pki.*;", "import dev.bulwark.vpn.*;", "import dev.bulwark.vpn.wireguard.*;");

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> everyJavaSampleOfTheReadmeCompilesAndRuns() throws IOException {
        List<String> samples = ReadmeSamples.javaBlocks(Path.of("../README.md"));
        assertThat(samples).hasSize(8);
        List<Path> classpath = ReadmeSamples.locations(SafeFiles.class, Ssh.class, Firewall.class, Pki.class, Vpn.class);
        return IntStream.range(0, samples.size()).mapToObj(i -> DynamicTest.dynamicTest("README sample " + (i + 1),
                () -> ReadmeSamples.compileAndRun(work, "RootReadmeSample" + i, IMPORTS, samples.get(i), classpath,
                        getClass().getClassLoader(), Files.createDirectories(work.resolve("dir" + i)))));
    }

    @Test
    void theSshSampleWritesItsFilesWithTheirModes() throws Exception {
        String sample = ReadmeSamples.javaBlocks(Path.of("../README.md")).get(0);
        Path dir = Files.createDirectories(work.resolve("ssh"));
        ReadmeSamples.compileAndRun(work, "SshSample", IMPORTS, sample,
                ReadmeSamples.locations(SafeFiles.class, Ssh.class, Firewall.class, Pki.class, Vpn.class), getClass().getClassLoader(), dir);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("id_ed25519")))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("authorized_keys")))
                .isEqualTo(Files.readString(dir.resolve("id_ed25519.pub")));
    }
}
