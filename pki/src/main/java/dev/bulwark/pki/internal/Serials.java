package dev.bulwark.pki.internal;

import java.math.BigInteger;
import java.util.Locale;

/**
 * The one spelling of a serial number: upper-case hexadecimal with an even number of digits, as
 * {@code openssl ca} writes it in {@code index.txt}, names the files in {@code new_certs_dir} and
 * {@code openssl x509 -serial} prints it ({@code BN_bn2hex}). Not API.
 */
public final class Serials {

    private Serials() {
    }

    /** The serial in upper-case hex, padded with one leading zero to an even number of digits. */
    public static String hex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    /** The spelling stores written before the serial was padded used: no leading zero. */
    static String legacyHex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }
}
