package dev.bulwark.ssh.key;

import dev.bulwark.ssh.internal.key.Pem;
import dev.bulwark.ssh.internal.wire.WireReader;
import dev.bulwark.ssh.internal.wire.WireWriter;
import java.nio.charset.StandardCharsets;

/** Builds and alters openssh-key-v1 files for tests. */
final class OpenSshFiles {

    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private OpenSshFiles() {
    }

    /** An unencrypted file; {@code privateFields} is the type and fields, the comment is appended. */
    static String unencrypted(byte[] publicBlob, byte[] privateFields, String comment) {
        return raw(publicBlob, new WireWriter().writeRaw(privateFields).writeUtf8(comment).toByteArray());
    }

    /** An unencrypted file around {@code section} (without check values and padding). */
    static String raw(byte[] publicBlob, byte[] section) {
        WireWriter s = new WireWriter().writeUint32(7).writeUint32(7).writeRaw(section);
        for (int i = 1; s.size() % 8 != 0; i++) {
            s.writeByte(i);
        }
        byte[] body = new WireWriter().writeRaw(MAGIC).writeUtf8("none").writeUtf8("none").writeString(new byte[0])
                .writeUint32(1).writeString(publicBlob).writeString(s.toByteArray()).toByteArray();
        return Pem.encode("OPENSSH PRIVATE KEY", body, 70);
    }

    /** The file with its public section replaced. */
    static String withPublicBlob(String text, byte[] publicBlob) {
        Parts p = Parts.of(text);
        p.publicBlob = publicBlob;
        return p.encode();
    }

    /** The file with its bcrypt rounds replaced. */
    static String withRounds(String text, long rounds) {
        Parts p = Parts.of(text);
        byte[] salt = new WireReader(p.kdfOptions).readString("salt");
        p.kdfOptions = new WireWriter().writeString(salt).writeUint32(rounds).toByteArray();
        return p.encode();
    }

    private static final class Parts {
        String cipher;
        String kdf;
        byte[] kdfOptions;
        byte[] publicBlob;
        byte[] rest;

        static Parts of(String text) {
            byte[] body = Pem.parse(text, "test").body();
            WireReader r = new WireReader(body, MAGIC.length, body.length);
            Parts p = new Parts();
            p.cipher = r.readUtf8("c");
            p.kdf = r.readUtf8("k");
            p.kdfOptions = r.readString("o");
            r.readUint32("n");
            p.publicBlob = r.readString("p");
            p.rest = java.util.Arrays.copyOfRange(body, r.position(), body.length);
            return p;
        }

        String encode() {
            byte[] body = new WireWriter().writeRaw(MAGIC).writeUtf8(cipher).writeUtf8(kdf).writeString(kdfOptions)
                    .writeUint32(1).writeString(publicBlob).writeRaw(rest).toByteArray();
            return Pem.encode("OPENSSH PRIVATE KEY", body, 70);
        }
    }
}
