package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.core.net.IpNetwork;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The IPv4 networks made for one result, by address and prefix length, so that the lists of one
 * result (per interface, and their union) share equal networks rather than each making its own: an
 * open-addressing table of primitive keys, without a boxed key or an entry per network. Not
 * thread-safe. Not API.
 */
final class V4Networks {

    /** Marks an empty slot: no key is negative (a 32-bit address shifted by six bits, or'ed with a prefix). */
    private static final long FREE = -1L;

    private long[] keys = free(64);
    private IpNetwork[] values = new IpNetwork[64];
    private int count;

    private static long[] free(int n) {
        long[] k = new long[n];
        java.util.Arrays.fill(k, FREE);
        return k;
    }

    /** The network {@code address/prefix} ({@code address} an unsigned 32-bit number with no host bits set). */
    IpNetwork of(long address, int prefix) {
        long key = address << 6 | prefix;
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != FREE) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        IpNetwork made = make(address, prefix);
        keys[i] = key;
        values[i] = made;
        if (++count * 2 > keys.length) {
            grow();
        }
        return made;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        IpNetwork[] oldValues = values;
        keys = free(oldKeys.length * 2);
        values = new IpNetwork[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != FREE) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != FREE) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static IpNetwork make(long address, int prefix) {
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return IpNetwork.of(InetAddress.getByAddress(bytes), prefix);
        } catch (UnknownHostException ex) {
            throw new IllegalStateException("address of 4 bytes refused", ex);
        }
    }
}
