package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.vpn.internal.NetworkOverlaps;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code [Peer]} section: who the interface talks to, and which addresses it routes to them
 * ({@code AllowedIPs}, networks without host bits: {@code 10.8.0.7/24} is refused with the
 * network meant). {@code toString()} never shows the preshared key.
 *
 * @param name                the peer's name, rendered as a comment above the section; empty for none
 * @param publicKey           the peer's public key
 * @param presharedKey        the key shared by this pair of peers only; empty for none
 * @param allowedIps          the networks routed to this peer and accepted from it
 * @param endpoint            where the peer is reached; empty when it connects to us
 * @param persistentKeepalive seconds between keepalives (1 to 65535) for a peer behind NAT; empty for off
 */
public record WireGuardPeer(Optional<String> name, WireGuardPublicKey publicKey,
                            Optional<WireGuardPresharedKey> presharedKey, List<IpNetwork> allowedIps,
                            Optional<WireGuardEndpoint> endpoint, OptionalInt persistentKeepalive) {

    /** Validates every field; AllowedIPs of one peer must not overlap each other either. */
    public WireGuardPeer {
        Objects.requireNonNull(name, "name").ifPresent(Names::node);
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(presharedKey, "presharedKey");
        allowedIps = List.copyOf(allowedIps);
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(persistentKeepalive, "persistentKeepalive");
        persistentKeepalive.ifPresent(k -> {
            if (k < 1 || k > 65535) {
                throw new ValidationException("PersistentKeepalive " + k + " is outside 1..65535");
            }
        });
        NetworkOverlaps<Integer> own = new NetworkOverlaps<>();
        for (IpNetwork network : allowedIps) {
            Optional<NetworkOverlaps.Overlap<Integer>> overlap = own.claim(network, 0);
            if (overlap.isPresent()) {
                throw new ValidationException("peer " + name.orElse(publicKey.toString()) + ": AllowedIPs "
                        + overlap.get().held() + " and " + network + " overlap");
            }
        }
    }

    /** A peer with a public key and AllowedIPs only. */
    public static WireGuardPeer of(WireGuardPublicKey publicKey, List<IpNetwork> allowedIps) {
        return new WireGuardPeer(Optional.empty(), publicKey, Optional.empty(), allowedIps, Optional.empty(),
                OptionalInt.empty());
    }

    /** A copy with another public key. */
    public WireGuardPeer withPublicKey(WireGuardPublicKey key) {
        return new WireGuardPeer(name, key, presharedKey, allowedIps, endpoint, persistentKeepalive);
    }

    @Override
    public String toString() {
        return "[Peer " + name.orElse("") + " " + publicKey + " " + allowedIps
                + endpoint.map(e -> " " + e).orElse("") + "]";
    }
}
