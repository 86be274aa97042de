package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives each node one address per tunnel network: kept from the previous allocation when still
 * valid, else the lowest free one. The network address, the IPv4 broadcast address and (when there
 * is a gateway) the first host address, reserved for the gateway, are never given to others.
 * Not API.
 */
final class Allocator {

    private Allocator() {
    }

    static AddressAllocations allocate(List<IpNetwork> networks, List<String> nodes, Optional<String> gateway,
                                       AddressAllocations previous) {
        Map<String, List<InetAddress>> out = new LinkedHashMap<>();
        nodes.forEach(n -> out.put(n, new ArrayList<>()));
        for (IpNetwork network : networks) {
            int maxPrefix = network.isIpv4() ? 30 : 126;
            if (network.prefixLength() > maxPrefix) {
                throw new ValidationException("tunnel network " + network + " is too small; use a prefix of /"
                        + maxPrefix + " or shorter");
            }
            BigInteger base = toNumber(network.address());
            BigInteger last = network.size().subtract(BigInteger.valueOf(network.isIpv4() ? 2 : 1));
            Set<BigInteger> used = new HashSet<>();
            BigInteger reserved = BigInteger.ONE;
            gateway.ifPresent(g -> out.get(g).add(toAddress(base.add(reserved), network)));
            if (gateway.isPresent()) {
                used.add(reserved);
            }
            List<String> fresh = new ArrayList<>();
            for (String node : nodes) {
                if (gateway.equals(Optional.of(node))) {
                    continue;
                }
                Optional<InetAddress> kept = previous.of(node).stream()
                        .filter(a -> a.getAddress().length == network.address().getAddress().length).findFirst();
                if (kept.isEmpty()) {
                    fresh.add(node);
                    continue;
                }
                InetAddress a = kept.get();
                if (!network.contains(a)) {
                    throw new ValidationException("the allocation of '" + node + "' (" + IpAddresses.format(a)
                            + ") is outside the tunnel network " + network);
                }
                BigInteger offset = toNumber(a).subtract(base);
                if (offset.signum() == 0 || offset.compareTo(last) > 0 || gateway.isPresent() && offset.equals(reserved)) {
                    throw new ValidationException("the allocation of '" + node + "' (" + IpAddresses.format(a)
                            + ") is a reserved address of " + network);
                }
                used.add(offset);
                out.get(node).add(a);
            }
            BigInteger next = BigInteger.ONE;
            for (String node : fresh) {
                while (used.contains(next)) {
                    next = next.add(BigInteger.ONE);
                }
                if (next.compareTo(last) > 0) {
                    throw new ValidationException("tunnel network " + network + " is exhausted: no free address for '"
                            + node + "' (" + used.size() + " addresses in use)");
                }
                used.add(next);
                out.get(node).add(toAddress(base.add(next), network));
            }
        }
        return new AddressAllocations(out);
    }

    private static BigInteger toNumber(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    private static InetAddress toAddress(BigInteger value, IpNetwork network) {
        int length = network.address().getAddress().length;
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(length, raw.length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes", e);
        }
    }
}
