package dev.bulwark.ssh.cert;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.internal.key.Fingerprints;
import dev.bulwark.ssh.key.SshPublicKey;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Builds a {@link KeyRevocationList}, as {@code ssh-keygen -k} does from a revocation spec. */
public final class KeyRevocationListBuilder {

    private String comment = "";
    private Long version;
    private Clock clock = Clock.systemUTC();
    private final Set<SshPublicKey> keys = new LinkedHashSet<>();
    private final Set<ByteBuffer> sha256 = new LinkedHashSet<>();
    private final Map<Optional<SshPublicKey>, List<long[]>> serials = new LinkedHashMap<>();
    private final Map<Optional<SshPublicKey>, Set<String>> keyIds = new LinkedHashMap<>();

    KeyRevocationListBuilder() {
    }

    /** The comment. Default none. */
    public KeyRevocationListBuilder comment(String comment) {
        this.comment = Objects.requireNonNull(comment, "comment");
        return this;
    }

    /** The KRL version number. Default: the clock's time in seconds, as ssh-keygen does. */
    public KeyRevocationListBuilder version(long version) {
        this.version = version;
        return this;
    }

    /** The clock for the generated date and default version. Default {@link Clock#systemUTC()}. */
    public KeyRevocationListBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Revokes a plain key (and every certificate of it) by its blob, as ssh-keygen does for a key file. */
    public KeyRevocationListBuilder revokeKey(SshPublicKey key) {
        keys.add(key.withComment(""));
        return this;
    }

    /** Revokes a plain key by its SHA-256 fingerprint only (ssh-keygen's {@code hash:} spec). */
    public KeyRevocationListBuilder revokeKeyBySha256(SshPublicKey key) {
        sha256.add(ByteBuffer.wrap(Fingerprints.digest("SHA-256", key.blobBytes())).asReadOnlyBuffer());
        return this;
    }

    /** Revokes the certificate with this serial signed by {@code ca} ({@code serial:} spec). Serial 0 cannot be revoked. */
    public KeyRevocationListBuilder revokeSerial(SshPublicKey ca, long serial) {
        return revokeSerials(ca, serial, serial);
    }

    /** Revokes the certificates with serials {@code first..last} (unsigned, inclusive) signed by {@code ca}. */
    public KeyRevocationListBuilder revokeSerials(SshPublicKey ca, long first, long last) {
        Objects.requireNonNull(ca, "ca");
        if (first == 0 || Long.compareUnsigned(first, last) > 0) {
            throw new ValidationException("serials: range " + Long.toUnsignedString(first) + "-"
                    + Long.toUnsignedString(last) + " must start above 0 and not end before it starts");
        }
        serials.computeIfAbsent(Optional.of(ca.withComment("")), k -> new ArrayList<>()).add(new long[] {first, last});
        return this;
    }

    /** Revokes certificates with this key id signed by {@code ca}, or by any CA when {@code ca} is null ({@code id:} spec). */
    public KeyRevocationListBuilder revokeKeyId(SshPublicKey caOrNull, String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        keyIds.computeIfAbsent(Optional.ofNullable(caOrNull).map(k -> k.withComment("")),
                k -> new LinkedHashSet<>()).add(keyId);
        return this;
    }

    /** The KRL. */
    public KeyRevocationList build() {
        Instant now = clock.instant();
        List<KeyRevocationList.CaRevocations> sections = new ArrayList<>();
        Set<Optional<SshPublicKey>> cas = new LinkedHashSet<>(serials.keySet());
        cas.addAll(keyIds.keySet());
        for (Optional<SshPublicKey> ca : cas) {
            sections.add(new KeyRevocationList.CaRevocations(ca.orElse(null),
                    List.copyOf(serials.getOrDefault(ca, List.of())),
                    Set.copyOf(keyIds.getOrDefault(ca, Set.of()))));
        }
        return new KeyRevocationList(version == null ? now.getEpochSecond() : version,
                Instant.ofEpochSecond(now.getEpochSecond()), comment, new LinkedHashSet<>(keys), new LinkedHashSet<>(),
                new LinkedHashSet<>(sha256), sections);
    }
}
