/**
 * An ACME load generator speaking the real protocol (RFC 8555: JWS-signed requests, http-01
 * answered by an in-process responder, finalize, download) against Bulwark's ACME server and
 * pebble (see benchmarks/scripts/acme-vs-pebble.sh), each account over one persistent TLS
 * connection of its own ({@code HttpsConnection}, blocking HTTP/1.1).
 */
package dev.bulwark.benchmarks.acme;
