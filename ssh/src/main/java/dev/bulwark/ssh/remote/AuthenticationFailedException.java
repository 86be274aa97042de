package dev.bulwark.ssh.remote;

import dev.bulwark.ssh.key.SshKeyPair;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The server accepted none of the offered keys. The message names the target and the keys' fingerprints. */
public final class AuthenticationFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    AuthenticationFailedException(SshTarget target, List<SshKeyPair> keys) {
        super("authentication as " + target.user() + " on " + target.host() + ":" + target.port()
                + " failed with key(s) " + fingerprints(keys));
    }

    private static List<String> fingerprints(List<SshKeyPair> keys) {
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.add(k.publicKey().fingerprintSha256()));
        return out;
    }
}
