package dev.bulwark.pki;

import dev.bulwark.core.net.IpNetwork;

/**
 * The policy the tests issue under: a CA signs nothing until told what, so each test CA is given
 * the documentation names the tests use (example.com, example.org, localhost) and the loopback,
 * private and documentation address ranges.
 */
final class TestPolicy {

    static final CaPolicy NAMES = CaPolicy.builder().allowDnsSuffix("example.com").allowDnsSuffix("example.org")
            .allowDnsSuffix("localhost").allowIpRange(IpNetwork.parse("10.0.0.0/8"))
            .allowIpRange(IpNetwork.parse("127.0.0.0/8")).allowIpRange(IpNetwork.parse("2001:db8::/32")).build();

    private TestPolicy() {
    }

    /** The same CA signing under {@link #NAMES}. */
    static CertificateAuthority allow(CertificateAuthority ca) {
        return ca.withPolicy(NAMES);
    }
}
