/**
 * Implementation of the pki module on top of BouncyCastle: certificate and CRL building, PEM
 * framing, encrypted keys, the ledgers and the store's index format. Not API: not exported, may
 * change without notice.
 */
package dev.bulwark.pki.internal;
