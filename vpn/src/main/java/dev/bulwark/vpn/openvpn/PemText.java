package dev.bulwark.vpn.openvpn;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.Base64;

/** The PEM armour OpenVPN uses for tls-crypt-v2 keys. Not API. */
final class PemText {

    private PemText() {
    }

    static String encode(String label, byte[] data) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(data);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** Decodes the single block labelled {@code label}; the secret is never quoted. */
    static byte[] decode(String text, String label, String source) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new ParseException(Position.of(source, 1), "no '" + begin + "' ... '" + end + "' block");
        }
        String body = text.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new ParseException(Position.of(source, 1), "the " + label + " is not valid base64");
        }
    }
}
