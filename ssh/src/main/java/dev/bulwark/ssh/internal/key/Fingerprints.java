package dev.bulwark.ssh.internal.key;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Key fingerprints and the randomart picture exactly as {@code ssh-keygen -l[v]} prints them. Not API. */
public final class Fingerprints {

    private static final String SYMBOLS = " .o+=*BOX@%&#/^SE";
    private static final int WIDTH = 17;
    private static final int HEIGHT = 9;

    private Fingerprints() {
    }

    /** A digest of the blob. */
    public static byte[] digest(String algorithm, byte[] blob) {
        try {
            return MessageDigest.getInstance(algorithm).digest(blob);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** {@code SHA256:} and the unpadded base64 digest. */
    public static String sha256(byte[] blob) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256", blob));
    }

    /** {@code MD5:} and the colon-separated lower-case hex digest. */
    public static String md5(byte[] blob) {
        byte[] d = digest("MD5", blob);
        StringBuilder out = new StringBuilder("MD5:");
        for (int i = 0; i < d.length; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
        }
        return out.toString();
    }

    /** The drunken-bishop picture of the SHA-256 digest, framed as OpenSSH frames it. */
    public static String randomArt(byte[] blob, String shortType, int bits) {
        byte[] d = digest("SHA-256", blob);
        int[][] field = new int[WIDTH][HEIGHT];
        int len = SYMBOLS.length() - 1;
        int x = WIDTH / 2;
        int y = HEIGHT / 2;
        for (byte b : d) {
            int input = b & 0xff;
            for (int i = 0; i < 4; i++) {
                x += (input & 1) != 0 ? 1 : -1;
                y += (input & 2) != 0 ? 1 : -1;
                x = Math.min(Math.max(x, 0), WIDTH - 1);
                y = Math.min(Math.max(y, 0), HEIGHT - 1);
                if (field[x][y] < len - 2) {
                    field[x][y]++;
                }
                input >>= 2;
            }
        }
        field[WIDTH / 2][HEIGHT / 2] = len - 1;
        field[x][y] = len;
        // sshkey.c: snprintf into char title[17]; "[type]" only when "[type size]" would need more
        // than 17 bytes, and whatever is kept is cut to the 16 characters the buffer holds
        String title = "[" + shortType + " " + bits + "]";
        if (title.length() > WIDTH) {
            title = "[" + shortType + "]";
        }
        if (title.length() > WIDTH - 1) {
            title = title.substring(0, WIDTH - 1);
        }
        StringBuilder out = new StringBuilder();
        border(out, title);
        out.append('\n');
        for (int row = 0; row < HEIGHT; row++) {
            out.append('|');
            for (int col = 0; col < WIDTH; col++) {
                out.append(SYMBOLS.charAt(Math.min(field[col][row], len)));
            }
            out.append("|\n");
        }
        border(out, "[SHA256]");
        return out.toString();
    }

    private static void border(StringBuilder out, String label) {
        out.append('+');
        int i;
        for (i = 0; i < (WIDTH - label.length()) / 2; i++) {
            out.append('-');
        }
        out.append(label);
        for (i += label.length(); i < WIDTH; i++) {
            out.append('-');
        }
        out.append('+');
    }
}
