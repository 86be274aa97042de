package dev.bulwark.core.audit;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which services a machine is expected to run and who may reach each: the answer to the secure
 * baseline's "which services are public, which private, which internal?". Anything listening that
 * the policy does not name is a finding of {@link ServiceAudit}.
 *
 * <pre>{@code
 * ServicePolicy policy = ServicePolicy.builder()
 *         .publicService("https", Protocol.TCP, 443)
 *         .privateService("ssh", Protocol.TCP, 22, IpNetwork.parse("10.8.0.0/24"))
 *         .internalService("postgres", Protocol.TCP, 5432)
 *         .build();
 * }</pre>
 *
 * @param services the expected services; no two cover the same protocol and port
 */
public record ServicePolicy(List<ExpectedService> services) {

    /** Validates that no two services overlap. */
    public ServicePolicy {
        services = List.copyOf(services);
        for (int i = 0; i < services.size(); i++) {
            for (int j = i + 1; j < services.size(); j++) {
                ExpectedService a = services.get(i);
                ExpectedService b = services.get(j);
                if (a.protocol() == b.protocol() && a.ports().overlaps(b.ports())) {
                    throw new ValidationException("services " + a.name() + " and " + b.name() + " both cover "
                            + a.protocol().wireName() + " ports " + a.ports() + " and " + b.ports());
                }
            }
        }
    }

    /** A policy that expects nothing: every listener beyond loopback is reported. */
    public static ServicePolicy empty() {
        return new ServicePolicy(List.of());
    }

    /** A builder for a policy, empty at first. */
    public static Builder builder() {
        return new Builder();
    }

    /** The service the policy expects on this protocol and port, if any. */
    public Optional<ExpectedService> find(Protocol protocol, int port) {
        for (ExpectedService service : services) {
            if (service.covers(protocol, port)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** Builds a {@link ServicePolicy}; validates in {@link #build()}. */
    public static final class Builder {

        private final List<ExpectedService> services = new ArrayList<>();

        private Builder() {
        }

        /** Adds a service anyone may reach (no services by default). */
        public Builder publicService(String name, Protocol protocol, int port) {
            return service(new ExpectedService(name, protocol, PortRange.of(port), Exposure.PUBLIC, List.of()));
        }

        /** Adds a service only {@code from} may reach (no services by default). */
        public Builder privateService(String name, Protocol protocol, int port, IpNetwork... from) {
            return service(new ExpectedService(name, protocol, PortRange.of(port), Exposure.PRIVATE, List.of(from)));
        }

        /** Adds a service only this machine may reach (no services by default). */
        public Builder internalService(String name, Protocol protocol, int port) {
            return service(new ExpectedService(name, protocol, PortRange.of(port), Exposure.INTERNAL, List.of()));
        }

        /** Adds any expected service (no services by default). */
        public Builder service(ExpectedService service) {
            services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        /**
         * The policy.
         *
         * @throws ValidationException when two services cover the same protocol and port
         */
        public ServicePolicy build() {
            return new ServicePolicy(services);
        }
    }
}
