package dev.bulwark.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.core.io.FileMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link ServiceAudit#run} talks to a host, with a scripted host standing in for one without ss or root. */
class ServiceAuditRunTest {

    /** A host that answers each command from a script and records what it was asked to run. */
    static final class ScriptedHost implements Host {
        final Map<String, CommandResult> answers;
        final List<List<String>> ran = new ArrayList<>();

        ScriptedHost(Map<String, CommandResult> answers) {
            this.answers = answers;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws CommandNotFoundException {
            ran.add(command);
            CommandResult answer = answers.get(command.get(0));
            if (answer == null) {
                throw new CommandNotFoundException(command.get(0), "searched /usr/sbin:/usr/bin");
            }
            return answer;
        }

        @Override
        public byte[] readFile(Path path) {
            throw new UnsupportedOperationException("not used by the service audit");
        }

        @Override
        public boolean exists(Path path) {
            throw new UnsupportedOperationException("not used by the service audit");
        }

        @Override
        public void writeFile(Path path, byte[] content, FileMode mode) {
            throw new UnsupportedOperationException("not used by the service audit");
        }
    }

    @Test
    void runsSsAsAnArgumentList() throws Exception {
        ScriptedHost host = new ScriptedHost(Map.of("ss", new CommandResult(List.of("ss", "-plunt"), 0,
                ServiceAuditTest.LISTING, "")));
        ServiceReport report = ServiceAudit.run(host, ServiceAuditTest.POLICY);
        assertThat(host.ran).containsExactly(List.of("ss", "-plunt"));
        assertThat(report.host()).isEqualTo("scripted");
        assertThat(report.findings()).hasSize(11);
    }

    @Test
    void saysClearlyWhenSsIsMissing() {
        ScriptedHost host = new ScriptedHost(Map.of());
        assertThatThrownBy(() -> ServiceAudit.run(host, ServicePolicy.empty()))
                .isInstanceOf(CommandNotFoundException.class)
                .hasMessage("ss: command not found (the service audit runs 'ss -plunt' on scripted;"
                        + " install iproute2 there)");
    }

    @Test
    void explainsMissingProcessesWhenNotRoot() throws Exception {
        String listing = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n"
                + "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n";
        ScriptedHost host = new ScriptedHost(Map.of(
                "ss", new CommandResult(List.of("ss", "-plunt"), 0, listing, ""),
                "id", new CommandResult(List.of("id", "-u"), 0, "1000\n", "")));
        ServiceReport report = ServiceAudit.run(host, ServicePolicy.empty());
        assertThat(report.findings()).filteredOn(f -> f.id().equals("services.process-info-unavailable"))
                .singleElement().satisfies(f -> assertThat(f.message()).isEqualTo(
                        "The listing names no process for any of the 1 listeners, so none can be matched to a"
                                + " program (ss ran as uid 1000, not root, and then shows only that user's processes)."));
    }

    @Test
    void refusesToCallSilenceAnEmptyMachine() {
        ScriptedHost host = new ScriptedHost(Map.of("ss", new CommandResult(List.of("ss", "-plunt"), 0, "", "")));
        assertThatThrownBy(() -> ServiceAudit.run(host, ServicePolicy.empty()))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("'ss -plunt' on scripted printed nothing, not even its header line; its output was lost,"
                        + " so no listener can be audited");
    }

    @Test
    void treatsAV4MappedListenerAsIpv4Only() {
        String listing = "tcp LISTEN 0 50 [::ffff:0.0.0.0]:7000 *:* users:((\"java\",pid=5,fd=6))\n";
        ServicePolicy policy = ServicePolicy.builder().publicService("app", Protocol.TCP, 7000).build();
        assertThat(ServiceAudit.audit(dev.bulwark.core.sockets.SocketTable.parse(listing), policy))
                .singleElement().satisfies(f -> assertThat(f.message())
                        .isEqualTo("Port 7000/tcp listens on IPv4 only (::ffff:0.0.0.0), not on IPv6."));
    }

    @Test
    void reportsAFailingSsWithItsStatus() {
        ScriptedHost host = new ScriptedHost(Map.of("ss", new CommandResult(List.of("ss", "-plunt"), 1, "",
                "Cannot open netlink socket: Permission denied")));
        assertThatThrownBy(() -> ServiceAudit.run(host, ServicePolicy.empty()))
                .hasMessageContaining("ss -plunt").hasMessageContaining("Permission denied");
    }
}
