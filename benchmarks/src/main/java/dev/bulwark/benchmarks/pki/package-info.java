/**
 * Benchmarks of the pki module: certificate issuance against raw signing, openssl and easy-rsa
 * (see benchmarks/scripts/pki-vs-openssl.sh).
 */
package dev.bulwark.benchmarks.pki;
