package dev.bulwark.firewall.analysis;

import java.util.List;
import java.util.Objects;

/**
 * The full answer of {@link ExposureAnalysis#analyze(dev.bulwark.firewall.parse.Ruleset,
 * dev.bulwark.core.sockets.SocketTable, HostInterfaces)}: every listening socket, every forwarded
 * port, and what was assumed about the host.
 *
 * @param sockets     one result per listening IP socket, in table order
 * @param forwarded   the ports forwarded elsewhere by destination NAT
 * @param interfaces  the interface map the analysis used
 * @param assumptions what was assumed for the whole analysis (interfaces classed by name, a
 *                    family without rules), in plain words
 */
public record ExposureResult(List<SocketExposure> sockets, List<ForwardedExposure> forwarded,
                             HostInterfaces interfaces, List<String> assumptions) {

    /** Validates and copies the components. */
    public ExposureResult {
        sockets = List.copyOf(sockets);
        forwarded = List.copyOf(forwarded);
        Objects.requireNonNull(interfaces, "interfaces");
        assumptions = List.copyOf(assumptions);
    }
}
