package dev.bulwark.pki.internal;

import dev.bulwark.core.Position;

/** One {@code -----BEGIN label-----} ... {@code -----END label-----} block. Not API. */
public final class PemBlock {

    private final String label;
    private final byte[] der;
    private final Position position;

    PemBlock(String label, byte[] der, Position position) {
        this.label = label;
        this.der = der;
        this.position = position;
    }

    /** The label, e.g. {@code CERTIFICATE}. */
    public String label() {
        return label;
    }

    /** A copy of the decoded bytes. */
    public byte[] der() {
        return der.clone();
    }

    /** Where the BEGIN line is. */
    public Position position() {
        return position;
    }

    @Override
    public String toString() {
        return "PemBlock[" + label + " at " + position + "]";
    }
}
