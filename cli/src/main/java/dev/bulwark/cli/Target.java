package dev.bulwark.cli;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.remote.SshTarget;

/** Parses {@code --target user@host[:port]} (an IPv6 address in brackets: {@code root@[2001:db8::1]:2222}). */
public final class Target {

    private Target() {
    }

    /**
     * The SSH target; port 22 unless given.
     *
     * @throws UsageException naming the bad part
     */
    public static SshTarget parse(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new UsageException("--target '" + Errors.oneLine(text) + "' is not user@host[:port]");
        }
        String user = text.substring(0, at);
        String rest = text.substring(at + 1);
        String host = rest;
        int port = 22;
        int colon;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new UsageException("--target '" + Errors.oneLine(text) + "': no ']' after the IPv6 address");
            }
            host = rest.substring(1, close);
            colon = rest.length() > close + 1 && rest.charAt(close + 1) == ':' ? close + 1 : -1;
            if (colon < 0 && rest.length() > close + 1) {
                throw new UsageException("--target '" + Errors.oneLine(text) + "': only ':PORT' may follow ']'");
            }
        } else {
            colon = rest.indexOf(':');
            if (colon >= 0 && rest.indexOf(':', colon + 1) >= 0) {
                throw new UsageException("--target '" + Errors.oneLine(text) + "': put an IPv6 address in brackets,"
                        + " user@[2001:db8::1]:22");
            }
            host = colon >= 0 ? rest.substring(0, colon) : rest;
        }
        if (colon >= 0) {
            String digits = rest.substring(colon + 1);
            if (!digits.matches("[0-9]{1,5}")) {
                throw new UsageException("--target '" + Errors.oneLine(text) + "': port '" + Errors.oneLine(digits)
                        + "' is not a number from 1 to 65535");
            }
            port = Integer.parseInt(digits);
        }
        try {
            return SshTarget.of(user, host, port);
        } catch (ValidationException e) {
            throw new UsageException("--target '" + Errors.oneLine(text) + "': " + e.getMessage());
        }
    }
}
