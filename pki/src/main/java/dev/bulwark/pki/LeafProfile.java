package dev.bulwark.pki;

/**
 * What a leaf certificate is for, which decides its extended key usage: TLS server
 * ({@code serverAuth}), TLS client ({@code clientAuth}) or both (for servers that also
 * authenticate to their peers, e.g. in a cluster).
 */
public enum LeafProfile {
    /** EKU serverAuth. */
    SERVER("server", true, false),
    /** EKU clientAuth. */
    CLIENT("client", false, true),
    /** EKU serverAuth and clientAuth. */
    SERVER_AND_CLIENT("server+client", true, true);

    private final String wireName;
    private final boolean server;
    private final boolean client;

    LeafProfile(String wireName, boolean server, boolean client) {
        this.wireName = wireName;
        this.server = server;
        this.client = client;
    }

    /** The name used in messages, e.g. {@code server+client}. */
    public String wireName() {
        return wireName;
    }

    /** Whether certificates of this profile may authenticate TLS servers. */
    public boolean serverAuth() {
        return server;
    }

    /** Whether certificates of this profile may authenticate TLS clients. */
    public boolean clientAuth() {
        return client;
    }

    /** The profile with the given extended key usages. */
    static LeafProfile of(boolean serverAuth, boolean clientAuth) {
        if (serverAuth && clientAuth) {
            return SERVER_AND_CLIENT;
        }
        return clientAuth ? CLIENT : SERVER;
    }
}
