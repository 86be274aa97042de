package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;

/**
 * Why a certificate was revoked: the RFC 5280 §5.3.1 CRLReason codes a CA issuing end-entity and
 * CA certificates uses. {@code certificateHold}, {@code removeFromCRL} and {@code aACompromise} are
 * left out (no suspension, no delta CRLs, no attribute certificates). A revocation for
 * {@link #UNSPECIFIED} is listed without a reasonCode extension, as RFC 5280 asks.
 */
public enum RevocationReason {
    /** No reason given; the CRL entry carries no reasonCode. */
    UNSPECIFIED(0, "unspecified"),
    /** The certificate's private key was or may have been disclosed. */
    KEY_COMPROMISE(1, "keyCompromise"),
    /** The issuing CA's key was compromised. */
    CA_COMPROMISE(2, "cACompromise"),
    /** The subject's name or other information changed. */
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    /** The certificate was replaced by a new one. */
    SUPERSEDED(4, "superseded"),
    /** The certificate is no longer needed (the server was decommissioned). */
    CESSATION_OF_OPERATION(5, "cessationOfOperation"),
    /** A privilege the certificate asserted was withdrawn. */
    PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn");

    private final int code;
    private final String wireName;

    RevocationReason(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    /** The CRLReason code (RFC 5280 §5.3.1). */
    public int code() {
        return code;
    }

    /** The RFC 5280 ASN.1 name, e.g. {@code keyCompromise}; also the name used in the store's index. */
    public String wireName() {
        return wireName;
    }

    /** The reason with the given wire name. */
    public static RevocationReason fromWireName(String name) {
        for (RevocationReason r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        throw new ValidationException("unknown revocation reason '" + name + "'");
    }
}
