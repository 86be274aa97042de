/**
 * An embeddable ACME server over a {@link dev.bulwark.pki.CaStore}:
 * <a href="https://www.rfc-editor.org/rfc/rfc8555">RFC 8555</a> (accounts, External Account Binding,
 * orders, http-01 and dns-01, revocation, key change),
 * <a href="https://www.rfc-editor.org/rfc/rfc8737">RFC 8737</a> tls-alpn-01,
 * <a href="https://www.rfc-editor.org/rfc/rfc8738">RFC 8738</a> IP identifiers and
 * <a href="https://www.rfc-editor.org/rfc/rfc9773">RFC 9773</a> renewal information. Start one with
 * {@link dev.bulwark.pki.Pki#acmeServer(dev.bulwark.pki.CaStore, dev.bulwark.pki.CaPolicy)}; the
 * directory is at {@code https://NAME:PORT/acme/directory}.
 *
 * <p>Where the RFCs leave a choice:
 * <ul>
 *   <li><b>Nonces</b> (RFC 8555 §6.5) are accepted once, and only by the server instance that issued
 *   them. Each start of a server on a store takes the next instance number (an "epoch") from the
 *   store, and every nonce carries it: a nonce never repeats across restarts or processes, and no
 *   instance can accept a nonce another one issued (it answers {@code badNonce}, and the client
 *   retries with the fresh nonce every response carries). The outstanding nonces themselves are
 *   kept in memory, bounded; that durable epoch is all the durability they need.</li>
 *   <li><b>Rate limits</b> (new orders per account in a sliding window) are counted from the order
 *   records in the store, under the account's lock, so they hold across restarts and across every
 *   server process on the store.</li>
 *   <li><b>revokeCert</b> (§7.6) accepts all three ways: the account that ordered the certificate, an
 *   account holding valid authorizations for every name in it, or the certificate's own key.</li>
 *   <li><b>http-01 redirects</b> (§8.3) are followed as Let's Encrypt follows them: http or https,
 *   standard or configured validation ports, at most 10 hops, every hop's address checked against
 *   the validation networks before it is contacted; https hops do not validate certificates.</li>
 *   <li><b>Pre-authorization</b> ({@code newAuthz}, §7.4.1) is not offered, so the directory leaves
 *   the field out, as the RFC asks.</li>
 *   <li><b>CAA</b> (<a href="https://www.rfc-editor.org/rfc/rfc8659">RFC 8659</a>) is not checked, and the directory has no {@code caaIdentities}: it lets
 *   domain holders restrict publicly trusted CAs (a CA/Browser Forum requirement); a private CA's
 *   names are decided by its {@link dev.bulwark.pki.CaPolicy} and name constraints instead.</li>
 *   <li>The server's own TLS certificate is issued by its CA at start and renewed while it runs.</li>
 * </ul>
 */
package dev.bulwark.pki.acme;
