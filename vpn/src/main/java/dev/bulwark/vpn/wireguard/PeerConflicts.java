package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.vpn.internal.NetworkOverlaps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The peers of one interface checked against each other as they are added: no shared public key,
 * no peer with the interface's key, no overlapping AllowedIPs. Each check costs O(log n), so a
 * config of n peers is checked in O(n log n) whether it is built at once or read peer by peer.
 * Not API.
 */
final class PeerConflicts {

    private final Set<WireGuardPublicKey> keys = new HashSet<>();
    private final NetworkOverlaps<Integer> networks = new NetworkOverlaps<>();
    private final List<WireGuardPeer> peers = new ArrayList<>();

    PeerConflicts(WireGuardInterface interfaceSection) {
        keys.add(interfaceSection.privateKey().publicKey());
    }

    /**
     * Adds the peer, or throws and leaves the peers added so far unchanged.
     *
     * @throws ValidationException naming the conflict and the earlier peer it conflicts with
     */
    void add(WireGuardPeer peer) {
        int index = peers.size();
        if (keys.contains(peer.publicKey())) {
            throw new ValidationException("peer " + label(peer, index) + " has public key " + peer.publicKey()
                    + ", which the interface or an earlier peer already has");
        }
        for (IpNetwork network : peer.allowedIps()) {
            Optional<NetworkOverlaps.Overlap<Integer>> overlap = networks.find(network);
            if (overlap.isPresent()) {
                int other = overlap.get().owner();
                throw new ValidationException("peers " + label(peers.get(other), other) + " and " + label(peer, index)
                        + " have overlapping AllowedIPs " + overlap.get().held() + " and " + network
                        + " (WireGuard would silently route them to the last peer)");
            }
        }
        keys.add(peer.publicKey());
        networks.claimAll(peer.allowedIps(), index); // a peer's own networks are disjoint (WireGuardPeer checks)
        peers.add(peer);
    }

    /** A peer's name, or its number (from 1) when it has none. */
    private static String label(WireGuardPeer peer, int index) {
        return peer.name().map(n -> "'" + n + "'").orElse("#" + (index + 1));
    }
}
