package dev.bulwark.firewall.analysis.internal;

import java.math.BigInteger;

/**
 * An unsigned 128-bit number (an IPv4 or IPv6 address), compared without allocation: the keys of
 * {@link AddressSet}. Not API.
 *
 * @param hi the high 64 bits
 * @param lo the low 64 bits
 */
record U128(long hi, long lo) implements Comparable<U128> {

    static final U128 ZERO = new U128(0, 0);
    static final U128 V4_MAX = new U128(0, 0xffffffffL);
    static final U128 V6_MAX = new U128(-1L, -1L);

    private static final BigInteger MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    static U128 of(BigInteger n) {
        return new U128(n.shiftRight(64).longValue(), n.and(MASK).longValue());
    }

    BigInteger toBigInteger() {
        if (hi == 0 && lo >= 0) {
            return BigInteger.valueOf(lo);
        }
        byte[] bytes = new byte[17];
        for (int i = 0; i < 8; i++) {
            bytes[1 + i] = (byte) (hi >>> (56 - 8 * i));
            bytes[9 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new BigInteger(bytes);
    }

    @Override
    public int compareTo(U128 o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    U128 plusOne() {
        return lo == -1L ? new U128(hi + 1, 0) : new U128(hi, lo + 1);
    }

    U128 minusOne() {
        return lo == 0 ? new U128(hi - 1, -1L) : new U128(hi, lo - 1);
    }

    boolean isZero() {
        return hi == 0 && lo == 0;
    }

    U128 max(U128 o) {
        return compareTo(o) >= 0 ? this : o;
    }

    U128 min(U128 o) {
        return compareTo(o) <= 0 ? this : o;
    }
}
