/**
 * An embeddable ACME server over a {@link dev.bulwark.pki.CaStore}:
 * <a href="https://www.rfc-editor.org/rfc/rfc8555">RFC 8555</a> (accounts, External Account Binding,
 * orders, http-01 and dns-01, revocation, key change),
 * <a href="https://www.rfc-editor.org/rfc/rfc8737">RFC 8737</a> tls-alpn-01,
 * <a href="https://www.rfc-editor.org/rfc/rfc8738">RFC 8738</a> IP identifiers and
 * <a href="https://www.rfc-editor.org/rfc/rfc9773">RFC 9773</a> renewal information. Start one with
 * {@link dev.bulwark.pki.Pki#acmeServer(dev.bulwark.pki.CaStore, dev.bulwark.pki.CaPolicy)}; the
 * directory is at {@code https://NAME:PORT/acme/directory}.
 */
package dev.bulwark.pki.acme;
