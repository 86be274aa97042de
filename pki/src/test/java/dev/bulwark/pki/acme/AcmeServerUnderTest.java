package dev.bulwark.pki.acme;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An ACME server the client flows run against: pebble (a process) or Bulwark's own server. Both
 * validate http-01 and tls-alpn-01 on the {@link Testbed}'s ports and resolve names through its
 * dnsmasq.
 */
interface AcmeServerUnderTest extends AutoCloseable {

    /** A short name for messages, e.g. {@code pebble}. */
    String name();

    /** The ACME directory URL. */
    URI directory();

    /** The PEM file of the roots a client trusts this server's own HTTPS with. */
    Path httpsTrust();

    /** The roots the certificates this server issues chain to. */
    List<X509Certificate> issuingRoots() throws Exception;

    /**
     * What the server's revocation sources say about {@code leaf}: {@code good}, {@code revoked},
     * or, when its sources disagree or cannot be read, what each said.
     */
    String revocationStatus(X509Certificate leaf, X509Certificate issuer) throws Exception;
}
