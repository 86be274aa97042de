package dev.bulwark.ssh.internal.key;

import com.hierynomus.sshj.userauth.keyprovider.bcrypt.BCrypt;
import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.ssh.internal.wire.WireException;
import dev.bulwark.ssh.internal.wire.WireReader;
import dev.bulwark.ssh.internal.wire.WireWriter;
import dev.bulwark.ssh.key.KeyAlgorithm;
import dev.bulwark.ssh.key.WrongPassphraseException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;

/** The {@code openssh-key-v1} private key file (PROTOCOL.key). Not API. */
public final class OpenSshKeyFile {

    /** The PEM label. */
    public static final String LABEL = "OPENSSH PRIVATE KEY";
    /**
     * The most bcrypt KDF rounds accepted from a file. A hostile file could otherwise ask for
     * billions of rounds and hang the reader; ssh-keygen's default is 16 and the usual hardening
     * advice is 64 to 100.
     */
    public static final int MAX_READ_ROUNDS = 1000;

    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private OpenSshKeyFile() {
    }

    /** What a key file holds. Arrays are owned by the receiver, which wipes {@link #privateWire}. */
    public static final class Content {
        /** The public key blob of the public section. */
        public final byte[] publicBlob;
        /** The JDK private key, null for opaque keys. */
        public final PrivateKey privateKey;
        /** {@code string type} and the private fields (for unknown types, everything up to the padding). */
        public final byte[] privateWire;
        /** The comment (empty for unknown types). */
        public final String comment;
        /** Whether {@link #privateWire} already ends with the comment (unknown types). */
        public final boolean commentInWire;

        Content(byte[] publicBlob, PrivateKey privateKey, byte[] privateWire, String comment, boolean commentInWire) {
            this.publicBlob = publicBlob;
            this.privateKey = privateKey;
            this.privateWire = privateWire;
            this.comment = comment;
            this.commentInWire = commentInWire;
        }
    }

    /** Decodes the file body of an {@code OPENSSH PRIVATE KEY} PEM block. */
    public static Content decode(Pem pem, char[] passphrase, String source) {
        Position at = Position.of(source, pem.line());
        byte[] body = pem.body();
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw new ParseException(at, "not an openssh-key-v1 key (wrong magic)");
        }
        try {
            WireReader r = new WireReader(body, MAGIC.length, body.length);
            String cipherName = r.readUtf8("cipher name");
            String kdfName = r.readUtf8("KDF name");
            byte[] kdfOptions = r.readString("KDF options");
            long nkeys = r.readUint32("key count");
            if (nkeys != 1) {
                throw new ParseException(at, "the file holds " + nkeys + " keys; OpenSSH key files hold exactly one");
            }
            byte[] publicBlob = r.readString("public key");
            byte[] encrypted = r.readString("private section");
            OpenSshCipher cipher = OpenSshCipher.forName(cipherName).orElseThrow(() ->
                    new ParseException(at, "unsupported cipher", cipherName));
            byte[] tag = new byte[cipher.tagLength()];
            for (int i = 0; i < tag.length; i++) {
                tag[i] = (byte) r.readByte("authentication tag");
            }
            r.expectEnd("the private section");
            if (encrypted.length % cipher.blockSize() != 0) {
                throw new ParseException(at, "private section length is not a multiple of the cipher block size");
            }
            byte[] section = decrypt(cipher, kdfName, kdfOptions, passphrase, concat(encrypted, tag), at);
            try {
                return readSection(section, publicBlob, cipher, at);
            } finally {
                Arrays.fill(section, (byte) 0);
            }
        } catch (WireException e) {
            throw new ParseException(at, "malformed OpenSSH private key: " + e.getMessage());
        }
    }

    private static byte[] decrypt(OpenSshCipher cipher, String kdfName, byte[] kdfOptions, char[] passphrase,
                                  byte[] input, Position at) {
        if (cipher == OpenSshCipher.NONE) {
            if (!kdfName.equals("none")) {
                throw new ParseException(at, "unencrypted key with KDF", kdfName);
            }
            return input;
        }
        if (!kdfName.equals("bcrypt")) {
            throw new ParseException(at, "unsupported KDF", kdfName);
        }
        WireReader opts = new WireReader(kdfOptions);
        byte[] salt = opts.readString("bcrypt salt");
        long rounds = opts.readUint32("bcrypt rounds");
        opts.expectEnd("the bcrypt options");
        if (rounds < 1 || rounds > MAX_READ_ROUNDS) {
            throw new ParseException(at, "bcrypt KDF rounds " + rounds + " outside 1.." + MAX_READ_ROUNDS
                    + " (the cap Bulwark applies to untrusted key files)");
        }
        if (salt.length == 0 || salt.length > 1024) {
            throw new ParseException(at, "bcrypt salt of " + salt.length + " bytes");
        }
        if (!Passphrases.present(passphrase)) {
            throw new WrongPassphraseException(at, "the private key is encrypted (" + cipher.wireName()
                    + "); a passphrase is needed");
        }
        byte[] keyAndIv = kdf(passphrase, salt, (int) rounds, cipher.keyAndIvLength());
        try {
            return cipher.apply(false, keyAndIv, input).orElseThrow(() ->
                    new WrongPassphraseException(at, "wrong passphrase for the private key"));
        } finally {
            Arrays.fill(keyAndIv, (byte) 0);
        }
    }

    /** bcrypt_pbkdf of the passphrase. */
    static byte[] kdf(char[] passphrase, byte[] salt, int rounds, int length) {
        byte[] pass = Passphrases.utf8(passphrase);
        byte[] out = new byte[length];
        try {
            new BCrypt().pbkdf(pass, salt, rounds, out);
            return out;
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
    }

    private static Content readSection(byte[] section, byte[] publicBlob, OpenSshCipher cipher, Position at) {
        WireReader r = new WireReader(section);
        long check1 = r.readUint32("check value");
        long check2 = r.readUint32("check value");
        if (check1 != check2) {
            if (cipher != OpenSshCipher.NONE) {
                throw new WrongPassphraseException(at, "wrong passphrase for the private key");
            }
            throw new ParseException(at, "private section check values differ (corrupt key)");
        }
        int start = r.position();
        String type = r.readUtf8("key type");
        KeyAlgorithm algorithm = KeyAlgorithm.fromWireName(type);
        PrivateKey privateKey = null;
        if (algorithm != KeyAlgorithm.OPAQUE) {
            PrivateKeyCodec.Decoded decoded = PrivateKeyCodec.read(r, algorithm);
            PublicKey stated = PublicKeyCodec.decode(algorithm, publicBlob);
            if (!Arrays.equals(stated.getEncoded(), decoded.publicKey.getEncoded())) {
                throw new ParseException(at, "the private key does not match the file's public key");
            }
            privateKey = decoded.privateKey;
        } else if (!SkKeys.skip(r, type)) {
            int end = section.length - paddingLength(section, cipher.blockSize());
            if (end < r.position()) {
                throw new ParseException(at, "malformed " + type + " private key");
            }
            return new Content(publicBlob, null, Arrays.copyOfRange(section, start, end), "", true);
        }
        byte[] wire = Arrays.copyOfRange(section, start, r.position());
        if (!Arrays.equals(new WireReader(publicBlob).readString("key type"), type.getBytes(StandardCharsets.UTF_8))) {
            throw new ParseException(at, "the private key's type differs from the file's public key type");
        }
        String comment = new String(r.readString("comment"), StandardCharsets.UTF_8);
        for (int i = 1; r.remaining() > 0; i++) {
            if (r.readByte("padding") != (i & 0xff) || i >= cipher.blockSize()) {
                throw new ParseException(at, "invalid padding after the private key");
            }
        }
        return new Content(publicBlob, privateKey, wire, comment.replace('\n', ' ').replace('\r', ' ')
                .replace('\0', ' '), false);
    }

    private static int paddingLength(byte[] section, int blockSize) {
        int n = 0;
        for (int k = blockSize - 1; k >= 1; k--) {
            boolean match = section.length >= k;
            for (int i = 0; match && i < k; i++) {
                match = section[section.length - k + i] == i + 1;
            }
            if (match) {
                n = k;
                break;
            }
        }
        return n;
    }

    /** Encodes a key file; {@code passphrase} null or empty writes it unencrypted. */
    public static String encode(byte[] publicBlob, byte[] privateWire, String comment, boolean commentInWire,
                                char[] passphrase, int rounds, SecureRandom random) {
        boolean encrypt = Passphrases.present(passphrase);
        OpenSshCipher cipher = encrypt ? OpenSshCipher.AES256_CTR : OpenSshCipher.NONE;
        int check = random.nextInt();
        WireWriter section = new WireWriter().writeUint32(check & 0xffffffffL).writeUint32(check & 0xffffffffL)
                .writeRaw(privateWire);
        if (!commentInWire) {
            section.writeUtf8(comment);
        }
        for (int i = 1; section.size() % cipher.blockSize() != 0; i++) {
            section.writeByte(i);
        }
        byte[] plain = section.toByteArrayAndWipe();
        WireWriter out = new WireWriter().writeRaw(MAGIC).writeUtf8(cipher.wireName());
        byte[] encrypted;
        if (encrypt) {
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            out.writeUtf8("bcrypt").writeString(new WireWriter().writeString(salt).writeUint32(rounds).toByteArray());
            byte[] keyAndIv = kdf(passphrase, salt, rounds, cipher.keyAndIvLength());
            encrypted = cipher.apply(true, keyAndIv, plain).orElseThrow();
            Arrays.fill(keyAndIv, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        } else {
            out.writeUtf8("none").writeString(new byte[0]);
            encrypted = plain;
        }
        out.writeUint32(1).writeString(publicBlob).writeString(encrypted);
        byte[] body = out.toByteArrayAndWipe();
        Arrays.fill(encrypted, (byte) 0);
        try {
            return Pem.encode(LABEL, body, 70);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
