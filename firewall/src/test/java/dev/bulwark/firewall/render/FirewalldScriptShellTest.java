package dev.bulwark.firewall.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.ManagementAccess;
import dev.bulwark.firewall.Ports;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The firewalld script's removal loops under a real {@code sh}, with a recording stand-in for
 * {@code firewall-cmd} (fast, and able to list hostile entries real firewalld would refuse to
 * store): every listed entry reaches {@code --remove-…} byte for byte, as one argument, never
 * expanded by the shell ({@code $(…)}, backquotes, quotes, {@code *}), and the management allow
 * is added before anything is removed and never removed. {@link FirewalldInteropTest} runs the
 * same script against real firewalld.
 */
@RequiresTool("sh")
class FirewalldScriptShellTest {

    private static final String HOSTILE = "rule family=\"ipv4\" source address=\"203.0.113.0/24\" log"
            + " prefix=\"$(touch pwned) `touch pwned2` 'x' * \\\\ ;\" accept";

    @TempDir
    Path dir;

    @Test
    void everyListedEntryIsRemovedAsOneUnexpandedArgumentAndTheManagementAllowStays() throws Exception {
        ManagementAccess admin = new ManagementAccess(IpNetwork.parse("198.51.100.0/24"), 22);
        FirewalldRenderer renderer = FirewalldRenderer.standard().withManagement(admin);
        FirewallPolicy policy = FirewallPolicy.builder().publicService("https", Protocol.TCP, Ports.of(443)).build();
        String management = renderer.richRules(policy).get(0).text();
        Path state = Files.createDirectory(dir.resolve("state"));
        Files.writeString(state.resolve("services"), "ssh dhcpv6-client *\n");
        Files.writeString(state.resolve("ports"), "8080/tcp 60000-61000/udp\n");
        Files.writeString(state.resolve("forward-ports"), "port=2222:proto=tcp:toport=22:toaddr=\n");
        Files.writeString(state.resolve("rich-rules"), management + "\n" + HOSTILE + "\n\nrule priority=\"5\" drop\n");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path fake = bin.resolve("firewall-cmd");
        Files.writeString(fake, "#!/bin/sh\n"
                + "# records each call, one argument a line, then a line '--'; lists come from $STATE\n"
                + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done >> \"$LOG\"; echo -- >> \"$LOG\"\n"
                + "for a in \"$@\"; do case \"$a\" in --list-*) f=\"$STATE/${a#--list-}\";"
                + " if [ -f \"$f\" ]; then cat \"$f\"; fi;; esac; done\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path work = Files.createDirectory(dir.resolve("work"));
        Files.writeString(work.resolve("a-file-a-glob-would-find"), "");
        Path script = Files.writeString(dir.resolve("policy.sh"), renderer.script(policy));
        Path log = dir.resolve("calls.log");

        ProcessBuilder pb = new ProcessBuilder("sh", script.toString()).directory(work.toFile())
                .redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("STATE", state.toString());
        pb.environment().put("LOG", log.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();

        List<List<String>> calls = calls(Files.readString(log));
        List<String> removals = new ArrayList<>();
        int firstRemoval = -1;
        int managementAdded = -1;
        for (int i = 0; i < calls.size(); i++) {
            String last = calls.get(i).get(calls.get(i).size() - 1);
            if (last.startsWith("--remove-") && last.contains("=")) {
                removals.add(last);
                firstRemoval = firstRemoval < 0 ? i : firstRemoval;
            }
            if (last.equals("--add-rich-rule=" + management) && managementAdded < 0) {
                managementAdded = i;
            }
        }
        assertThat(removals).containsExactly("--remove-service=ssh", "--remove-service=dhcpv6-client",
                "--remove-service=*", "--remove-port=8080/tcp", "--remove-port=60000-61000/udp",
                "--remove-forward-port=port=2222:proto=tcp:toport=22:toaddr=", "--remove-rich-rule=" + HOSTILE,
                "--remove-rich-rule=rule priority=\"5\" drop");
        assertThat(managementAdded).isNotNegative().isLessThan(firstRemoval);
        assertThat(calls.get(calls.size() - 1)).containsExactly("firewall-cmd", "--reload");
        assertThat(work.resolve("pwned")).doesNotExist();
        assertThat(work.resolve("pwned2")).doesNotExist();
    }

    /** The recorded calls: arguments one a line, each call ended by a line {@code --}. */
    private static List<List<String>> calls(String log) {
        List<List<String>> out = new ArrayList<>();
        List<String> call = new ArrayList<>(List.of("firewall-cmd"));
        for (String line : log.split("\n", -1)) {
            if (line.equals("--")) {
                out.add(call);
                call = new ArrayList<>(List.of("firewall-cmd"));
            } else if (!line.isEmpty()) {
                call.add(line);
            }
        }
        return out;
    }
}
