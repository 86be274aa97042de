package dev.bulwark.core.io;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * POSIX permission bits of a file or directory, such as {@code 0600}. Only the nine
 * read/write/execute bits are allowed (no setuid, setgid or sticky bit).
 *
 * <pre>{@code
 * FileMode.SECRET.toString();          // "0600"
 * FileMode.parse("0640").isOwnerOnly(); // false
 * }</pre>
 *
 * @param bits the permission bits, {@code 0} to {@code 0777}
 */
public record FileMode(int bits) {

    /** {@code 0600}: a secret (private key, passphrase), readable and writable by the owner only. */
    public static final FileMode SECRET = new FileMode(0600);
    /** {@code 0700}: a directory only its owner may list or enter. */
    public static final FileMode PRIVATE_DIRECTORY = new FileMode(0700);
    /** {@code 0644}: a file anyone may read, such as a public key or a config file. */
    public static final FileMode PUBLIC = new FileMode(0644);
    /** {@code 0755}: a script or program anyone may run. */
    public static final FileMode EXECUTABLE = new FileMode(0755);
    /** {@code 0755}: a directory anyone may list and enter. */
    public static final FileMode PUBLIC_DIRECTORY = new FileMode(0755);

    private static final PosixFilePermission[] BY_BIT = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    /** Validates the bits. */
    public FileMode {
        if (bits < 0 || bits > 0777) {
            throw new ValidationException("file mode " + Integer.toOctalString(bits)
                    + " is not within 0000..0777 (only permission bits are supported)");
        }
    }

    /** The mode with these bits; write them in octal, e.g. {@code FileMode.of(0640)}. */
    public static FileMode of(int octalBits) {
        return new FileMode(octalBits);
    }

    /** The mode with exactly these permissions. */
    public static FileMode of(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (int i = 0; i < BY_BIT.length; i++) {
            if (permissions.contains(BY_BIT[i])) {
                bits |= 1 << i;
            }
        }
        return new FileMode(bits);
    }

    /**
     * Parses three or four octal digits, such as {@code 640} or {@code 0640}.
     *
     * @throws ParseException when the text is not such a mode
     */
    public static FileMode parse(String text) {
        int start = text.length() == 4 && text.charAt(0) == '0' ? 1 : 0;
        if (text.length() - start != 3) {
            throw new ParseException(Position.inString(1, 1),
                    "a file mode is three octal digits with an optional leading 0, such as 0640", text);
        }
        int bits = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '7') {
                throw new ParseException(Position.inString(1, i + 1),
                        "'" + c + "' is not an octal digit in file mode", text);
            }
            bits = bits * 8 + (c - '0');
        }
        return new FileMode(bits);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<FileMode> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** These bits as a new, modifiable set of permissions. */
    public Set<PosixFilePermission> toPermissions() {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BY_BIT.length; i++) {
            if ((bits & (1 << i)) != 0) {
                permissions.add(BY_BIT[i]);
            }
        }
        return permissions;
    }

    /**
     * Whether neither group nor others have any permission: the mode of a secret. Safe writes refuse
     * to follow symbolic links for such modes.
     */
    public boolean isOwnerOnly() {
        return (bits & 077) == 0;
    }

    /** The four-digit octal form, such as {@code 0600}. */
    @Override
    public String toString() {
        return String.format("%04o", bits);
    }
}
