package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.internal.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an intermediate CA looks like: subject, key type, validity, path length and optional RFC 5280
 * name constraints (critical) on DNS names and IP ranges. Build with {@link #builder(String)}.
 *
 * @param subjectDn       the subject distinguished name (RFC 2253, e.g. {@code CN=Ops CA,O=Example})
 * @param keyAlgorithm    the key type generated for the intermediate
 * @param validity        how long it is valid (capped at the parent's notAfter)
 * @param pathLength      how many CAs may follow it in a path (0: it issues leaves only)
 * @param permittedDns    DNS subtrees its certificates must lie in (empty: no constraint)
 * @param permittedIps    IP ranges its certificates must lie in (empty: no constraint)
 * @param excludedDns     DNS subtrees its certificates must not lie in
 * @param excludedIps     IP ranges its certificates must not lie in
 */
public record IntermediateSpec(String subjectDn, KeyAlgorithm keyAlgorithm, Duration validity, int pathLength,
                               List<String> permittedDns, List<IpNetwork> permittedIps,
                               List<String> excludedDns, List<IpNetwork> excludedIps) {

    /** The default validity of an intermediate CA: 5 years. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(5 * 365);

    /** Validates the components. */
    public IntermediateSpec {
        Objects.requireNonNull(subjectDn, "subjectDn");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(validity, "validity");
        CaRules.requireCaKey(keyAlgorithm);
        CaRules.requirePositive(validity);
        if (pathLength < 0 || pathLength > 8) {
            throw new ValidationException("pathLength " + pathLength + " is outside 0..8");
        }
        permittedDns = dnsSubtrees(permittedDns);
        excludedDns = dnsSubtrees(excludedDns);
        permittedIps = List.copyOf(permittedIps);
        excludedIps = List.copyOf(excludedIps);
    }

    /** A builder with EC P-256, 5 years, path length 0 and no name constraints. */
    public static Builder builder(String subjectDn) {
        return new Builder(subjectDn);
    }

    private static List<String> dnsSubtrees(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith("*")) {
                throw new ValidationException("name constraint '" + Names.printable(name)
                        + "' must be a domain (example.com covers it and all its subdomains), not a wildcard");
            }
            out.add(Names.checkDnsName(name.startsWith(".") ? name.substring(1) : name));
        }
        return List.copyOf(out);
    }

    /** Builds an {@link IntermediateSpec}; every setter states its default. */
    public static final class Builder {
        private final String subjectDn;
        private KeyAlgorithm keyAlgorithm = KeyAlgorithm.EC_P256;
        private Duration validity = DEFAULT_VALIDITY;
        private int pathLength;
        private final List<String> permittedDns = new ArrayList<>();
        private final List<IpNetwork> permittedIps = new ArrayList<>();
        private final List<String> excludedDns = new ArrayList<>();
        private final List<IpNetwork> excludedIps = new ArrayList<>();

        private Builder(String subjectDn) {
            this.subjectDn = subjectDn;
        }

        /** The key type; default {@link KeyAlgorithm#EC_P256}. */
        public Builder keyAlgorithm(KeyAlgorithm algorithm) {
            this.keyAlgorithm = algorithm;
            return this;
        }

        /** The validity; default 5 years. */
        public Builder validity(Duration duration) {
            this.validity = duration;
            return this;
        }

        /** The path length constraint; default 0 (issues leaf certificates only). */
        public Builder pathLength(int length) {
            this.pathLength = length;
            return this;
        }

        /** Adds a permitted DNS subtree ({@code example.com} covers it and its subdomains); default none. */
        public Builder permitDns(String domain) {
            permittedDns.add(domain);
            return this;
        }

        /** Adds a permitted IP range; default none. */
        public Builder permitIps(IpNetwork range) {
            permittedIps.add(range);
            return this;
        }

        /** Adds an excluded DNS subtree; default none. */
        public Builder excludeDns(String domain) {
            excludedDns.add(domain);
            return this;
        }

        /** Adds an excluded IP range; default none. */
        public Builder excludeIps(IpNetwork range) {
            excludedIps.add(range);
            return this;
        }

        /** The spec; throws {@link ValidationException} naming the bad field. */
        public IntermediateSpec build() {
            return new IntermediateSpec(subjectDn, keyAlgorithm, validity, pathLength,
                    permittedDns, permittedIps, excludedDns, excludedIps);
        }
    }
}
