/**
 * A small certificate authority for a fleet of servers that authenticate each other with mutual
 * TLS: root and intermediate CAs ({@link dev.bulwark.pki.CertificateAuthority}), server and client
 * certificates from generated keys or PKCS#10 requests ({@link dev.bulwark.pki.CertificateRequest},
 * RFC 2986), revocation, CRLs and OCSP ({@link dev.bulwark.pki.OcspResponder}, RFC 6960), renewal, a durable store ({@link dev.bulwark.pki.CaStore}), PEM
 * (RFC 7468), DER and PKCS#12 import and export, and mutual-TLS contexts
 * ({@link dev.bulwark.pki.MutualTls}). Start at {@link dev.bulwark.pki.Pki}.
 *
 * <p>Certificates and CRLs follow the RFC 5280 profile
 * (<a href="https://www.rfc-editor.org/rfc/rfc5280">RFC 5280</a>) with key identifiers per
 * <a href="https://www.rfc-editor.org/rfc/rfc7093">RFC 7093</a> and key usage per
 * <a href="https://www.rfc-editor.org/rfc/rfc8813">RFC 8813</a>. Only JDK types cross the API.
 */
package dev.bulwark.pki;
