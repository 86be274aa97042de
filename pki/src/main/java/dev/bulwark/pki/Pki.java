package dev.bulwark.pki;

/**
 * The front door of Bulwark's pki module: static methods that lead to the rest (certificate authorities, certificates, revocation, TLS contexts).
 * Type {@code Pki.} and press Tab in JShell to see what you can do.
 */
public final class Pki {

    private Pki() {
    }
}
