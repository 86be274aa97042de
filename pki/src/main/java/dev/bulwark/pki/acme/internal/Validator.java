package dev.bulwark.pki.acme.internal;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.acme.AcmeResolver;
import dev.bulwark.pki.internal.Names;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Validates challenges (RFC 8555 §8.3, §8.4; RFC 8737) for names the CA's policy already allowed
 * (checked when the order was made). Every address the resolver gives is checked against the
 * validation networks before it is contacted; loopback, link-local, multicast and unspecified
 * addresses only when a network the embedder configured contains them. Not API.
 */
public final class Validator {

    private final AcmeResolver resolver;
    private final List<IpNetwork> networks;
    private final int httpPort;
    private final int tlsPort;
    private final Duration timeout;

    public Validator(AcmeResolver resolver, List<IpNetwork> networks, int httpPort, int tlsPort, Duration timeout) {
        this.resolver = resolver;
        this.networks = List.copyOf(networks);
        this.httpPort = httpPort;
        this.tlsPort = tlsPort;
        this.timeout = timeout;
    }

    /** Throws the problem that makes the challenge invalid, or returns when it is met. */
    public void validate(String type, Identifier identifier, boolean wildcard, String token, String keyAuthorization) {
        switch (type) {
            case Challenge.HTTP_01:
                Http01.validate(this, identifier, token, keyAuthorization);
                return;
            case Challenge.DNS_01:
                dns01(identifier, keyAuthorization);
                return;
            case Challenge.TLS_ALPN_01:
                TlsAlpn01.validate(this, identifier, keyAuthorization);
                return;
            default:
                throw Problem.malformed("unknown challenge type " + Problem.excerpt(type));
        }
    }

    private void dns01(Identifier identifier, String keyAuthorization) {
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(keyAuthorization));
        String name = "_acme-challenge." + identifier.value();
        List<String> records;
        try {
            records = resolver.txt(name);
        } catch (IOException e) {
            throw Problem.of("dns", 400, "DNS lookup of TXT " + name + " failed: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw Problem.of("dns", 400, "no TXT record at " + name);
        }
        if (!records.contains(expected)) {
            throw Problem.of("incorrectResponse", 403, "no TXT record at " + name + " holds the expected digest "
                    + expected + " (found " + records.size() + " records)");
        }
    }

    /** The addresses to contact for a name (or the IP identifier itself), only those the networks allow. */
    List<InetAddress> targets(Identifier identifier) {
        List<InetAddress> resolved;
        if (identifier.type().equals("ip")) {
            resolved = List.of(Names.parseIp(identifier.value()));
        } else {
            try {
                resolved = resolver.addresses(identifier.value());
            } catch (IOException e) {
                throw Problem.of("dns", 400, "looking up " + identifier.value() + " failed: " + e.getMessage());
            }
            if (resolved.isEmpty()) {
                throw Problem.of("dns", 400, identifier.value() + " has no address");
            }
        }
        List<InetAddress> allowed = new ArrayList<>();
        for (InetAddress address : resolved) {
            if (permitted(address)) {
                allowed.add(address);
            }
        }
        if (allowed.isEmpty()) {
            throw Problem.of("rejectedIdentifier", 400, identifier.value() + " resolves to " + resolved
                    + ", none of which this server may contact to validate (validation networks: " + networks + ")");
        }
        return allowed;
    }

    boolean permitted(InetAddress address) {
        return networks.stream().anyMatch(n -> n.contains(address));
    }

    InetSocketAddress tls(InetAddress address) {
        return new InetSocketAddress(address, tlsPort);
    }

    int httpPort() {
        return httpPort;
    }

    int tlsPort() {
        return tlsPort;
    }

    AcmeResolver resolver() {
        return resolver;
    }

    /** Longer than any one validation can take: a connect, a TLS handshake and a read timeout per redirect hop. */
    public Duration longestValidation() {
        return timeout.multipliedBy(3L * (Http01.MAX_REDIRECTS + 1) + 2);
    }

    int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Default validation networks from a policy's IP ranges: without loopback, link-local, multicast, unspecified. */
    public static boolean isSpecial(InetAddress address) {
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()
                || address.isAnyLocalAddress();
    }
}
