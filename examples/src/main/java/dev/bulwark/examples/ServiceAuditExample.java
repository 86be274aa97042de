package dev.bulwark.examples;

import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.ServiceAudit;
import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.net.Protocol;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Audits the services of this machine: runs {@code ss -plunt}, prints every listening TCP and UDP
 * socket with its exposure (public, private or internal) and the findings against a policy.
 *
 * <pre>
 * java dev.bulwark.examples.ServiceAuditExample [--markdown] [SERVICE...]
 *
 *   SERVICE is name:exposure:protocol/port[@network,...], for example
 *     https:public:tcp/443   ssh:private:tcp/22@10.8.0.0/24   postgres:internal:tcp/5432
 * </pre>
 *
 * Without services the policy is empty, so every listener reachable from beyond this machine is
 * reported as unexpected: the question to answer for each is "should it be running at all?".
 * Run it as root so that {@code ss} can name the process behind every socket.
 */
public final class ServiceAuditExample {

    private ServiceAuditExample() {
    }

    /**
     * Runs the audit of this machine and prints the report.
     *
     * @param args {@code --markdown} and the expected services
     * @throws IOException when {@code ss} is missing or fails
     */
    public static void main(String[] args) {
        ExampleMain.main("ServiceAuditExample", "[--markdown] [name:exposure:proto/port[@net,...]...]", 0,
                Integer.MAX_VALUE, args, (a, out) -> run(LocalHost.create(), a, out));
    }

    /**
     * Audits {@code host} against the services in {@code args} and prints the report to {@code out}.
     *
     * @return the report that was printed
     * @throws IOException when {@code ss} is missing or fails
     */
    public static ServiceReport run(Host host, List<String> args, PrintStream out) throws IOException {
        boolean markdown = args.contains("--markdown");
        List<ExpectedService> expected = new ArrayList<>();
        for (String arg : args) {
            if (!arg.equals("--markdown")) {
                expected.add(service(arg));
            }
        }
        ServiceReport report = ServiceAudit.run(host, new ServicePolicy(expected));
        out.print(markdown ? report.toMarkdown() : report.toText());
        long serious = report.findings().stream().map(Finding::severity).filter(s -> s.isAtLeast(Severity.HIGH)).count();
        out.println();
        out.println(serious == 0 ? "No high or critical findings."
                : serious + " high or critical finding(s): fix them before this machine faces the internet.");
        return report;
    }

    /** Parses {@code name:exposure:protocol/port[@network,...]}. */
    static ExpectedService service(String spec) {
        String[] parts = spec.split(":", 3);
        if (parts.length != 3 || !parts[2].contains("/")) {
            throw new IllegalArgumentException("service '" + spec
                    + "' is not name:exposure:protocol/port[@network,...] (e.g. ssh:private:tcp/22@10.8.0.0/24)");
        }
        String rest = parts[2];
        List<IpNetwork> networks = new ArrayList<>();
        int at = rest.indexOf('@');
        if (at >= 0) {
            for (String network : rest.substring(at + 1).split(",")) {
                networks.add(IpNetwork.parse(network));
            }
            rest = rest.substring(0, at);
        }
        String[] protocolAndPort = rest.split("/", 2);
        return new ExpectedService(parts[0], Protocol.parse(protocolAndPort[0]), PortRange.parse(protocolAndPort[1]),
                Exposure.parse(parts[1]), networks);
    }
}
