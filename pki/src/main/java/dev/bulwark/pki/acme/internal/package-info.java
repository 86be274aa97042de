/** The ACME server's implementation: protocol handlers, JWS checks, durable state, validation. Not API. */
package dev.bulwark.pki.acme.internal;
