package dev.bulwark.ssh.internal.key;

import dev.bulwark.ssh.internal.wire.WireReader;

/** Skips the private fields of the FIDO {@code sk-*} key types OpenSSH defines (PROTOCOL.u2f). Not API. */
final class SkKeys {

    private SkKeys() {
    }

    /** Reads past the fields of a known {@code sk-*} type; false for any other type (nothing read). */
    static boolean skip(WireReader r, String type) {
        if (type.equals("sk-ssh-ed25519@openssh.com")) {
            r.readString("public key");
        } else if (type.equals("sk-ecdsa-sha2-nistp256@openssh.com")) {
            r.readString("curve");
            r.readString("public point");
        } else {
            return false;
        }
        r.readString("application");
        r.readByte("flags");
        r.readString("key handle");
        r.readString("reserved");
        return true;
    }
}
