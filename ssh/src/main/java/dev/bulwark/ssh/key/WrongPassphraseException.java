package dev.bulwark.ssh.key;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;

/**
 * An encrypted private key could not be decrypted: the passphrase is wrong, or none was given
 * for an encrypted key. The message never contains the passphrase or key material.
 */
public final class WrongPassphraseException extends ParseException {

    private static final long serialVersionUID = 1L;

    /** A failure at {@code position} with {@code reason}. */
    public WrongPassphraseException(Position position, String reason) {
        super(position, reason);
    }
}
