package dev.bulwark.pki.acme;

/** The ACME challenge types (RFC 8555 §8.3, §8.4; RFC 8737) the client flows prove. */
enum Challenge {
    HTTP_01("http-01", "http"),
    TLS_ALPN_01("tls-alpn-01", "tls"),
    DNS_01("dns-01", "dns");

    private final String wireName;
    private final String label;

    Challenge(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /** The challenge's type as ACME names it, e.g. {@code http-01}. */
    String wireName() {
        return wireName;
    }

    /** A DNS label for names that use this challenge, e.g. {@code http}. */
    String label() {
        return label;
    }
}
