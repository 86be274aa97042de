package dev.bulwark.examples;

import dev.bulwark.core.audit.FindingsRenderer;
import dev.bulwark.ssh.Ssh;
import dev.bulwark.ssh.config.HardeningBaseline;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdHardening;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * No root login, no passwords: hardens an sshd_config (read-only: prints the diff, changes nothing)
 * and prints the fail2ban jail that goes with it.
 *
 * <pre>java dev.bulwark.examples.SshdHardeningExample [SSHD_CONFIG [ADMIN]]   (default /etc/ssh/sshd_config)</pre>
 */
public final class SshdHardeningExample {

    private SshdHardeningExample() {
    }

    /**
     * Prints the hardening diff of the given (or the system's) sshd_config.
     *
     * @param args the config file and the admin allowed in
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) {
        ExampleMain.main("SshdHardeningExample", "[SSHD_CONFIG [ADMIN]]", 0, 2, args, (a, out) -> {
            Path file = Path.of(a.size() > 0 ? a.get(0) : "/etc/ssh/sshd_config");
            run(Ssh.sshdConfig(file), a.size() > 1 ? a.get(1) : "admin", out);
        });
    }

    /**
     * Hardens {@code config} for {@code admin} and prints the diff, what remains and the jail.
     *
     * @return the hardening result
     */
    public static SshdHardening.Result run(SshdConfig config, String admin, PrintStream out) {
        SshdHardening.Result result = SshdHardening.harden(config, HardeningBaseline.SEED.withAllowUsers(admin));
        out.print(result.diff());
        out.println("fixed " + result.fixed().size() + " finding(s); remaining:");
        out.print(result.remaining().isEmpty() ? "none\n" : FindingsRenderer.text(result.remaining()));
        out.print(Ssh.fail2banJail().build().render());
        return result;
    }
}
