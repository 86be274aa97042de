package dev.bulwark.cli.audit;

import dev.bulwark.cli.Errors;
import dev.bulwark.cli.Inputs;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.examples.BaselineSpecParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What should listen where: the services of a kit spec ({@code --spec}) and/or {@code --public},
 * {@code --private}, {@code --internal} options. Without any, nothing is expected: every listener
 * on a public address is reported.
 */
final class PolicyOptions {

    @Option(names = "--spec", paramLabel = "FILE",
            description = "Take the expected services from a kit spec (public/private/internal lines; examples/README.md).")
    private Path spec;

    @Option(names = "--public", paramLabel = "PROTO/PORT",
            description = "A service anyone may reach, e.g. tcp/443 or udp/60000-61000 (repeatable).")
    private List<String> publicServices = new ArrayList<>();

    @Option(names = "--private", paramLabel = "PROTO/PORT@CIDR[,CIDR...]",
            description = "A service only these networks may reach, e.g. tcp/22@10.8.0.0/24 (repeatable).")
    private List<String> privateServices = new ArrayList<>();

    @Option(names = "--internal", paramLabel = "PROTO/PORT",
            description = "A service only this machine may reach, e.g. tcp/5432 (repeatable).")
    private List<String> internalServices = new ArrayList<>();

    /** The expected services, spec first. */
    List<ExpectedService> services(PrintWriter err) throws IOException {
        List<ExpectedService> services = new ArrayList<>();
        if (spec != null) {
            services.addAll(BaselineSpecParser.parse(Inputs.read(spec, err), spec.toString()).services());
        }
        publicServices.forEach(s -> services.add(service("--public", s, Exposure.PUBLIC)));
        privateServices.forEach(s -> services.add(service("--private", s, Exposure.PRIVATE)));
        internalServices.forEach(s -> services.add(service("--internal", s, Exposure.INTERNAL)));
        return services;
    }

    /** The service audit's policy. */
    ServicePolicy policy(PrintWriter err) throws IOException {
        ServicePolicy.Builder builder = ServicePolicy.builder();
        services(err).forEach(builder::service);
        return builder.build();
    }

    /** The firewall audit's intent: the exposure per port (the first service naming a port decides). */
    Map<Integer, Exposure> intent(PrintWriter err) throws IOException {
        Map<Integer, Exposure> intent = new LinkedHashMap<>();
        for (ExpectedService s : services(err)) {
            for (int port = s.ports().first(); port <= s.ports().last(); port++) {
                intent.putIfAbsent(port, s.exposure());
            }
        }
        return intent;
    }

    private static ExpectedService service(String option, String text, Exposure exposure) {
        String service = text;
        List<IpNetwork> from = new ArrayList<>();
        int at = text.indexOf('@');
        if (exposure == Exposure.PRIVATE) {
            if (at < 0) {
                throw new UsageException(option + " '" + Errors.oneLine(text) + "' names no network: PROTO/PORT@CIDR,"
                        + " e.g. tcp/22@10.8.0.0/24");
            }
            service = text.substring(0, at);
        } else if (at >= 0) {
            throw new UsageException(option + " '" + Errors.oneLine(text) + "': only --private services name networks");
        }
        int slash = service.indexOf('/');
        if (slash < 0) {
            throw new UsageException(option + " '" + Errors.oneLine(text) + "' is not PROTO/PORT (e.g. tcp/443)");
        }
        try {
            Protocol protocol = Protocol.parse(service.substring(0, slash));
            PortRange ports = PortRange.parse(service.substring(slash + 1));
            if (exposure == Exposure.PRIVATE) {
                for (String network : text.substring(at + 1).split(",", -1)) {
                    from.add(IpNetwork.parse(network));
                }
            }
            String name = protocol.wireName() + "-" + ports.first() + (ports.first() == ports.last() ? "" : "-" + ports.last());
            return new ExpectedService(name, protocol, ports, exposure, from);
        } catch (IllegalArgumentException e) {
            String reason = e instanceof dev.bulwark.core.ParseException
                    ? ((dev.bulwark.core.ParseException) e).reason() : e.getMessage();
            throw new UsageException(option + " '" + Errors.oneLine(text) + "': " + reason);
        }
    }
}
