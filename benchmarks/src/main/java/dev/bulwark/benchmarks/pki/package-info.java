/**
 * Benchmarks of the pki module: certificate issuance against raw signing, openssl and easy-rsa
 * (see benchmarks/scripts/pki-vs-openssl.sh), and durable issuance into on-disk stores of 1,000 and
 * 20,000 certificates ({@code StoreIssuanceBenchmark}).
 */
package dev.bulwark.benchmarks.pki;
