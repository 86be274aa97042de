package dev.bulwark.ssh.remote;

import java.util.List;

/**
 * The algorithms the SSH client negotiates, by wire name; a server configuration must leave at
 * least one of each list on, or this client cannot connect.
 *
 * @param kex        key exchange algorithms
 * @param ciphers    ciphers
 * @param macs       MACs (unused with AEAD ciphers such as chacha20-poly1305 and AES-GCM)
 * @param hostKeys   host key (signature) algorithms
 */
public record ClientAlgorithms(List<String> kex, List<String> ciphers, List<String> macs, List<String> hostKeys) {

    /** Copies the lists. */
    public ClientAlgorithms {
        kex = List.copyOf(kex);
        ciphers = List.copyOf(ciphers);
        macs = List.copyOf(macs);
        hostKeys = List.copyOf(hostKeys);
    }
}
