/**
 * A small certificate authority for a fleet of servers that authenticate each other with mutual
 * TLS: root and intermediate CAs ({@link dev.bulwark.pki.CertificateAuthority}), server and client
 * certificates from generated keys or PKCS#10 requests ({@link dev.bulwark.pki.CertificateRequest}),
 * revocation, CRLs and OCSP ({@link dev.bulwark.pki.OcspResponder}), renewal, a durable store
 * ({@link dev.bulwark.pki.CaStore}), PEM, DER and PKCS#12 import and export, and mutual-TLS contexts
 * ({@link dev.bulwark.pki.MutualTls}). Start at {@link dev.bulwark.pki.Pki}.
 *
 * <p>Specifications implemented:
 * <ul>
 *   <li>certificates and CRLs: the <a href="https://www.rfc-editor.org/rfc/rfc5280">RFC 5280</a>
 *       profile, key identifiers per <a href="https://www.rfc-editor.org/rfc/rfc7093">RFC 7093</a>,
 *       key usage per <a href="https://www.rfc-editor.org/rfc/rfc8813">RFC 8813</a>;</li>
 *   <li>certificate requests: PKCS#10, <a href="https://www.rfc-editor.org/rfc/rfc2986">RFC 2986</a>;</li>
 *   <li>OCSP responses: <a href="https://www.rfc-editor.org/rfc/rfc6960">RFC 6960</a>;</li>
 *   <li>PEM text: <a href="https://www.rfc-editor.org/rfc/rfc7468">RFC 7468</a>; encrypted keys:
 *       PKCS#8, <a href="https://www.rfc-editor.org/rfc/rfc5958">RFC 5958</a>;</li>
 *   <li>key stores: PKCS#12, <a href="https://www.rfc-editor.org/rfc/rfc7292">RFC 7292</a>.</li>
 * </ul>
 *
 * <p>A CA signs only what its {@link dev.bulwark.pki.CaPolicy} allows ({@code CaPolicy.NONE}, nothing,
 * until told), and never what the name constraints or path lengths of its own chain forbid: every
 * path that signs passes one gate (see {@link dev.bulwark.pki.CertificateAuthority}).
 *
 * <p>Only JDK types cross the API.
 */
package dev.bulwark.pki;
