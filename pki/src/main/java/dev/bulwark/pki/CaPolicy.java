package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.internal.Names;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a CA agrees to sign, on every path that signs a leaf (issue, CSR signing, renewal with the
 * same or a new key): which DNS names (by suffix) and IP ranges, how long, and which key types. A
 * policy allows only what it was told to allow: no suffix means no DNS name, no range no IP
 * address ({@link #NONE}, the policy of every new CA, signs no leaf at all). The issuing CA's own
 * name constraints, and those of its issuers, narrow it further. Requested extensions other than
 * the subjectAltName are never copied; the CA decides key usage, extended key usage and basic
 * constraints itself.
 *
 * <pre>{@code
 * CertificateAuthority ca = root.withPolicy(CaPolicy.builder().allowDnsSuffix("example.com")
 *         .allowIpRange(IpNetwork.parse("10.0.0.0/8")).maxValidity(Duration.ofDays(90)).build());
 * }</pre>
 *
 * @param dnsSuffixes   allowed DNS names: each name must equal a suffix or end with "." + suffix;
 *                      empty allows no DNS name
 * @param ipRanges      allowed IP addresses; empty allows no IP address
 * @param maxValidity   the longest validity granted
 * @param keyAlgorithms the subject key types accepted
 * @param wildcards     whether {@code *.} wildcard names may be requested
 */
public record CaPolicy(List<String> dnsSuffixes, List<IpNetwork> ipRanges, Duration maxValidity,
                       Set<KeyAlgorithm> keyAlgorithms, boolean wildcards) {

    /** The default longest leaf validity: 397 days (the CA/Browser Forum limit for TLS servers). */
    public static final Duration DEFAULT_MAX_VALIDITY = Duration.ofDays(397);

    /**
     * No DNS name, no IP address (so no leaf at all), no wildcards, at most 397 days, every supported
     * key type: the policy of a CA until {@link CertificateAuthority#withPolicy(CaPolicy)} says what it signs.
     */
    public static final CaPolicy NONE = new CaPolicy(List.of(), List.of(), DEFAULT_MAX_VALIDITY,
            EnumSet.allOf(KeyAlgorithm.class), false);

    /** Validates the components. */
    public CaPolicy {
        dnsSuffixes = dnsSuffixes.stream().map(s -> Names.checkDnsName(s.startsWith(".") ? s.substring(1) : s))
                .collect(java.util.stream.Collectors.toUnmodifiableList());
        ipRanges = List.copyOf(ipRanges);
        Objects.requireNonNull(maxValidity, "maxValidity");
        if (maxValidity.isNegative() || maxValidity.isZero()) {
            throw new ValidationException("maxValidity " + maxValidity + " must be positive");
        }
        if (keyAlgorithms.isEmpty()) {
            throw new ValidationException("keyAlgorithms must not be empty");
        }
        keyAlgorithms = Set.copyOf(keyAlgorithms);
    }

    /** A builder starting from {@link #NONE}: add the suffixes and ranges to allow. */
    public static Builder builder() {
        return new Builder();
    }

    /** Throws a {@link ValidationException} saying what breaks this policy. */
    void check(List<String> names, KeyAlgorithm keyAlgorithm, Duration validity) {
        if (!keyAlgorithms.contains(keyAlgorithm)) {
            throw new ValidationException("policy refuses " + keyAlgorithm.wireName() + " keys; allowed: "
                    + keyAlgorithms.stream().map(KeyAlgorithm::wireName).sorted().collect(java.util.stream.Collectors.joining(", ")));
        }
        if (validity.compareTo(maxValidity) > 0) {
            throw new ValidationException("requested validity of " + validity.toDays() + " days exceeds the policy's "
                    + maxValidity.toDays() + " days");
        }
        checkNames(names);
    }

    /** Throws a {@link ValidationException} for the first name this policy refuses. */
    void checkNames(List<String> names) {
        for (String name : names) {
            if (Names.looksLikeIp(name)) {
                InetAddress ip = Names.parseIp(name);
                if (ipRanges.isEmpty()) {
                    throw new ValidationException("policy refuses IP address " + name
                            + ": it allows no IP addresses (add a range with CaPolicy.builder().allowIpRange)");
                }
                if (ipRanges.stream().noneMatch(r -> r.contains(ip))) {
                    throw new ValidationException("policy refuses IP address " + name + "; allowed ranges: " + ipRanges);
                }
            } else {
                if (name.startsWith("*.") && !wildcards) {
                    throw new ValidationException("policy refuses wildcard name " + name);
                }
                if (dnsSuffixes.isEmpty()) {
                    throw new ValidationException("policy refuses DNS name " + name
                            + ": it allows no DNS names (add a suffix with CaPolicy.builder().allowDnsSuffix)");
                }
                if (dnsSuffixes.stream().noneMatch(s -> name.equals(s) || name.endsWith("." + s))) {
                    throw new ValidationException("policy refuses DNS name " + name + "; allowed suffixes: " + dnsSuffixes);
                }
            }
        }
    }

    /** Builds a {@link CaPolicy}; every setter states its default. */
    public static final class Builder {
        private final List<String> dnsSuffixes = new ArrayList<>();
        private final List<IpNetwork> ipRanges = new ArrayList<>();
        private Duration maxValidity = DEFAULT_MAX_VALIDITY;
        private Set<KeyAlgorithm> keyAlgorithms = EnumSet.allOf(KeyAlgorithm.class);
        private boolean wildcards;

        private Builder() {
        }

        /** Allows DNS names under this suffix ({@code example.com} allows it and its subdomains); default: none, so no DNS name. */
        public Builder allowDnsSuffix(String suffix) {
            dnsSuffixes.add(suffix);
            return this;
        }

        /** Allows IP addresses in this range; default: none, so no IP address. */
        public Builder allowIpRange(IpNetwork range) {
            ipRanges.add(range);
            return this;
        }

        /**
         * Allows each of these names: a DNS name as {@link #allowDnsSuffix(String)} does (the name and
         * its subdomains), an IP address alone (a /32 or /128 range); default: none.
         */
        public Builder allowNames(List<String> names) {
            for (String name : Names.normalize(names)) {
                if (Names.looksLikeIp(name)) {
                    InetAddress ip = Names.parseIp(name);
                    ipRanges.add(IpNetwork.of(ip, ip.getAddress().length * 8));
                } else {
                    dnsSuffixes.add(name);
                }
            }
            return this;
        }

        /** The longest validity granted; default 397 days. */
        public Builder maxValidity(Duration validity) {
            this.maxValidity = validity;
            return this;
        }

        /** The accepted key types; default all of {@link KeyAlgorithm}. */
        public Builder keyAlgorithms(Set<KeyAlgorithm> algorithms) {
            this.keyAlgorithms = Set.copyOf(algorithms);
            return this;
        }

        /** Whether wildcard names may be requested; default false. */
        public Builder wildcards(boolean allowed) {
            this.wildcards = allowed;
            return this;
        }

        /** The policy; throws {@link ValidationException} naming the bad field. */
        public CaPolicy build() {
            return new CaPolicy(dnsSuffixes, ipRanges, maxValidity, keyAlgorithms, wildcards);
        }
    }
}
