package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The machine's own /etc/ssh/sshd_config (Debian's file plus its drop-ins) evaluated like sshd -T. */
@RequiresTool("sshd")
class SystemSshdConfigInteropTest {

    @Test
    void systemConfigurationMatchesSshdTestMode() throws Exception {
        Path main = Path.of("/etc/ssh/sshd_config");
        assumeTrue(Files.isReadable(main), "no readable /etc/ssh/sshd_config");
        Files.createDirectories(Path.of("/run/sshd"));
        RealSshd.Result global = RealSshd.dump(main, "");
        assumeTrue(global.exitCode() == 0, "sshd -T fails on this machine's configuration: " + global.stderr());
        SshdConfig config = SshdConfig.read(main);
        for (ConnectionSpec spec : List.of(ConnectionSpec.of("root", "h.example", "10.0.0.5").withGroups("root")
                .withLocal("10.0.0.1", 22), ConnectionSpec.of("nobody", "x.example", "203.0.113.4")
                .withGroups("nogroup").withLocal("10.0.0.1", 22))) {
            Map<String, List<String>> theirs = RealSshd.parseDump(RealSshd.dump(main, spec.toTestSpec()).stdout());
            Map<String, List<String>> ours = config.effective(spec).asMap();
            theirs.remove("listenaddress");
            assertThat(ours).as(spec.toTestSpec()).isEqualTo(theirs);
        }
    }
}
