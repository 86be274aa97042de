package dev.bulwark.ssh.cert;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.ssh.internal.wire.WireException;
import dev.bulwark.ssh.internal.wire.WireReader;
import dev.bulwark.ssh.internal.wire.WireWriter;
import dev.bulwark.ssh.key.SshPublicKey;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The binary KRL format of PROTOCOL.krl. */
final class KrlCodec {

    static final long MAX_SIZE = 16L * 1024 * 1024;
    private static final long MAGIC = 0x5353484b524c0a00L;
    private static final int FORMAT_VERSION = 1;
    private static final int CERTIFICATES = 1;
    private static final int EXPLICIT_KEY = 2;
    private static final int FINGERPRINT_SHA1 = 3;
    private static final int SIGNATURE = 4;
    private static final int FINGERPRINT_SHA256 = 5;
    private static final int SERIAL_LIST = 0x20;
    private static final int SERIAL_RANGE = 0x21;
    private static final int SERIAL_BITMAP = 0x22;
    private static final int KEY_ID = 0x23;
    /** The largest serial bitmap accepted (OpenSSH's own limit is similar). */
    private static final int MAX_BITMAP_BITS = 1 << 24;

    private KrlCodec() {
    }

    static KeyRevocationList decode(byte[] data, String source) {
        Position at = Position.of(source, 1);
        try {
            WireReader r = new WireReader(data);
            if (data.length < 8 || r.readUint64("magic") != MAGIC) {
                throw new ParseException(at, "not an OpenSSH key revocation list (wrong magic)");
            }
            long format = r.readUint32("format version");
            if (format != FORMAT_VERSION) {
                throw new ParseException(at, "unsupported KRL format version " + format);
            }
            long version = r.readUint64("KRL version");
            long generated = r.readUint64("generated date");
            r.readUint64("flags");
            r.readString("reserved");
            String comment = r.readUtf8("comment");
            Set<SshPublicKey> keys = new LinkedHashSet<>();
            Set<ByteBuffer> sha1 = new LinkedHashSet<>();
            Set<ByteBuffer> sha256 = new LinkedHashSet<>();
            List<KeyRevocationList.CaRevocations> certs = new ArrayList<>();
            boolean signed = false;
            while (!r.atEnd()) {
                int type = r.readByte("section type");
                WireReader s = r.readNested("section", MAX_SIZE);
                if (signed && type != SIGNATURE) {
                    throw new ParseException(at, "KRL section after a signature");
                }
                switch (type) {
                    case CERTIFICATES:
                        certs.add(certificates(s, at));
                        break;
                    case EXPLICIT_KEY:
                        while (!s.atEnd()) {
                            keys.add(key(s.readString("revoked key"), at));
                        }
                        break;
                    case FINGERPRINT_SHA1:
                        hashes(s, 20, sha1, at);
                        break;
                    case FINGERPRINT_SHA256:
                        hashes(s, 32, sha256, at);
                        break;
                    case SIGNATURE:
                        signed = true;
                        break;
                    default:
                        throw new ParseException(at, "unsupported KRL section type " + type);
                }
            }
            return new KeyRevocationList(version, SshCertificate.toInstant(generated), comment, keys, sha1, sha256,
                    certs);
        } catch (WireException e) {
            throw new ParseException(at, "malformed key revocation list: " + e.getMessage());
        }
    }

    private static SshPublicKey key(byte[] blob, Position at) {
        try {
            return SshPublicKey.ofBlob(ByteBuffer.wrap(blob), "");
        } catch (ParseException e) {
            throw new ParseException(at, "revoked key: " + e.reason());
        }
    }

    private static void hashes(WireReader s, int length, Set<ByteBuffer> out, Position at) {
        while (!s.atEnd()) {
            byte[] hash = s.readString("fingerprint");
            if (hash.length != length) {
                throw new ParseException(at, "fingerprint of " + hash.length + " bytes, expected " + length);
            }
            out.add(ByteBuffer.wrap(hash).asReadOnlyBuffer());
        }
    }

    private static KeyRevocationList.CaRevocations certificates(WireReader s, Position at) {
        byte[] caBlob = s.readString("CA key");
        SshPublicKey ca = caBlob.length == 0 ? null : key(caBlob, at);
        s.readString("reserved");
        List<long[]> ranges = new ArrayList<>();
        Set<String> ids = null;
        while (!s.atEnd()) {
            int type = s.readByte("certificate section type");
            WireReader c = s.readNested("certificate section", MAX_SIZE);
            switch (type) {
                case SERIAL_LIST:
                    while (!c.atEnd()) {
                        long serial = c.readUint64("serial");
                        ranges.add(new long[] {serial, serial});
                    }
                    break;
                case SERIAL_RANGE: {
                    long lo = c.readUint64("serial minimum");
                    long hi = c.readUint64("serial maximum");
                    c.expectEnd("the serial range");
                    if (Long.compareUnsigned(lo, hi) > 0) {
                        throw new ParseException(at, "serial range minimum above maximum");
                    }
                    ranges.add(new long[] {lo, hi});
                    break;
                }
                case SERIAL_BITMAP: {
                    long offset = c.readUint64("serial offset");
                    BigInteger bitmap = c.readMpint("serial bitmap");
                    c.expectEnd("the serial bitmap");
                    if (bitmap.bitLength() > MAX_BITMAP_BITS) {
                        throw new ParseException(at, "serial bitmap larger than " + MAX_BITMAP_BITS + " bits");
                    }
                    for (int i = bitmap.getLowestSetBit(); i >= 0 && i < bitmap.bitLength(); i++) {
                        if (bitmap.testBit(i)) {
                            ranges.add(new long[] {offset + i, offset + i});
                        }
                    }
                    break;
                }
                case KEY_ID:
                    if (ids == null) {
                        // sized once for every id of the section: growing it id by id rehashed it log n times
                        ids = new LinkedHashSet<>(capacity(c.countStrings("key id")));
                    }
                    while (!c.atEnd()) {
                        ids.add(c.readUtf8("key id"));
                    }
                    break;
                default:
                    throw new ParseException(at, "unsupported KRL certificate section type " + type);
            }
        }
        return new KeyRevocationList.CaRevocations(ca, ranges,
                ids == null ? Set.of() : Collections.unmodifiableSet(ids));
    }

    /** The capacity at which a hash set holds {@code count} entries without growing (load factor 0.75). */
    private static int capacity(int count) {
        return (int) Math.min(1 << 30, count / 3L * 4 + 4);
    }

    static byte[] encode(KeyRevocationList krl) {
        WireWriter w = new WireWriter().writeUint64(MAGIC).writeUint32(FORMAT_VERSION).writeUint64(krl.version())
                .writeUint64(krl.generated().getEpochSecond()).writeUint64(0).writeString(new byte[0])
                .writeUtf8(krl.comment());
        for (KeyRevocationList.CaRevocations c : krl.certificateRevocations()) {
            WireWriter s = new WireWriter().writeString(c.ca().map(SshPublicKey::blobBytes).orElse(new byte[0]))
                    .writeString(new byte[0]);
            List<long[]> ranges = new ArrayList<>(c.ranges());
            ranges.sort(Comparator.comparing((long[] x) -> x[0], Long::compareUnsigned));
            WireWriter singles = new WireWriter();
            for (long[] range : ranges) {
                if (range[0] == range[1]) {
                    singles.writeUint64(range[0]);
                }
            }
            if (singles.size() > 0) {
                s.writeByte(SERIAL_LIST).writeString(singles.toByteArray());
            }
            for (long[] range : ranges) {
                if (range[0] != range[1]) {
                    s.writeByte(SERIAL_RANGE).writeString(new WireWriter().writeUint64(range[0]).writeUint64(range[1])
                            .toByteArray());
                }
            }
            if (!c.keyIds().isEmpty()) {
                WireWriter ids = new WireWriter();
                c.keyIds().forEach(ids::writeUtf8);
                s.writeByte(KEY_ID).writeString(ids.toByteArray());
            }
            w.writeByte(CERTIFICATES).writeString(s.toByteArray());
        }
        if (!krl.revokedKeys().isEmpty()) {
            WireWriter s = new WireWriter();
            krl.revokedKeys().forEach(k -> s.writeString(k.blobBytes()));
            w.writeByte(EXPLICIT_KEY).writeString(s.toByteArray());
        }
        hashSection(w, FINGERPRINT_SHA1, krl.sha1());
        hashSection(w, FINGERPRINT_SHA256, krl.sha256());
        return w.toByteArray();
    }

    private static void hashSection(WireWriter w, int type, Set<ByteBuffer> hashes) {
        if (hashes.isEmpty()) {
            return;
        }
        List<byte[]> sorted = new ArrayList<>();
        for (ByteBuffer b : hashes) {
            byte[] h = new byte[b.remaining()];
            b.duplicate().get(h);
            sorted.add(h);
        }
        sorted.sort(java.util.Arrays::compareUnsigned);
        WireWriter s = new WireWriter();
        sorted.forEach(s::writeString);
        w.writeByte(type).writeString(s.toByteArray());
    }
}
