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
 * What a CA agrees to sign for a certificate signing request: which DNS names (by suffix) and IP
 * ranges, how long, and which key types. Requested extensions other than the subjectAltName are
 * never copied; the CA decides key usage, extended key usage and basic constraints itself.
 *
 * @param dnsSuffixes   allowed DNS names: each name must equal a suffix or end with "." + suffix;
 *                      empty allows any DNS name
 * @param ipRanges      allowed IP addresses; empty allows any
 * @param maxValidity   the longest validity granted
 * @param keyAlgorithms the subject key types accepted
 * @param wildcards     whether {@code *.} wildcard names may be requested
 */
public record CaPolicy(List<String> dnsSuffixes, List<IpNetwork> ipRanges, Duration maxValidity,
                       Set<KeyAlgorithm> keyAlgorithms, boolean wildcards) {

    /** The default longest leaf validity: 397 days (the CA/Browser Forum limit for TLS servers). */
    public static final Duration DEFAULT_MAX_VALIDITY = Duration.ofDays(397);

    /** Any name, no wildcards, at most 397 days, every supported key type. */
    public static final CaPolicy DEFAULT = new CaPolicy(List.of(), List.of(), DEFAULT_MAX_VALIDITY,
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

    /** A builder starting from {@link #DEFAULT}. */
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
        for (String name : names) {
            if (Names.looksLikeIp(name)) {
                InetAddress ip = Names.parseIp(name);
                if (!ipRanges.isEmpty() && ipRanges.stream().noneMatch(r -> r.contains(ip))) {
                    throw new ValidationException("policy refuses IP address " + name + "; allowed ranges: " + ipRanges);
                }
            } else {
                if (name.startsWith("*.") && !wildcards) {
                    throw new ValidationException("policy refuses wildcard name " + name);
                }
                if (!dnsSuffixes.isEmpty() && dnsSuffixes.stream().noneMatch(s -> name.equals(s) || name.endsWith("." + s))) {
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

        /** Allows DNS names under this suffix; default: any DNS name while none is added. */
        public Builder allowDnsSuffix(String suffix) {
            dnsSuffixes.add(suffix);
            return this;
        }

        /** Allows IP addresses in this range; default: any IP while none is added. */
        public Builder allowIpRange(IpNetwork range) {
            ipRanges.add(range);
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
