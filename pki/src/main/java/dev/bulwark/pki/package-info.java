/**
 * Bulwark's PKI module: a certificate authority so servers can authenticate each other over TLS.
 */
package dev.bulwark.pki;
