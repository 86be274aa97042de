package dev.bulwark.ssh.config;

/**
 * The rule for text Bulwark writes into sshd_config: one line, printable, no comment, quote or escape
 * characters, and no leading {@code =} (sshd would take it as the keyword separator).
 */
final class SafeText {

    private SafeText() {
    }

    static boolean isSafe(String value) {
        if (value.isEmpty() || value.length() > 4096 || value.charAt(0) == '=') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '#' || c == '"' || c == '\'' || c == '\\'
                    || Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                return false;
            }
        }
        return true;
    }
}
