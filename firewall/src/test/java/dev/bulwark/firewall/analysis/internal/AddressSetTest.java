package dev.bulwark.firewall.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link AddressSet} (and the chunked {@link Intervals} under it) against a bit set of a window of
 * 2,048 addresses, under long random sequences of every operation: enough intervals to split,
 * merge and rebalance chunks many times. Windows at both ends of both families check the carries
 * of the 128-bit arithmetic.
 */
class AddressSetTest {

    private static final int WINDOW = 2048;

    /** A window of addresses: {@code base + i} for {@code i} in {@code [0, WINDOW)}. */
    private record Space(boolean ipv6, BigInteger base) {
        BigInteger at(int i) {
            return base.add(BigInteger.valueOf(i));
        }

        /** The set, with every address outside the window removed, as a bit set of the window. */
        BitSet bits(AddressSet s) {
            BitSet b = new BitSet(WINDOW);
            for (BigInteger[] r : s.intervals()) {
                BigInteger lo = r[0].max(base);
                BigInteger hi = r[1].min(at(WINDOW - 1));
                if (lo.compareTo(hi) <= 0) {
                    b.set(lo.subtract(base).intValueExact(), hi.subtract(base).intValueExact() + 1);
                }
            }
            return b;
        }
    }

    private static final List<Space> SPACES = List.of(
            new Space(false, BigInteger.ZERO),
            new Space(false, AddressSet.max(false).subtract(BigInteger.valueOf(WINDOW - 1))),
            new Space(true, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.valueOf(WINDOW / 2))),
            new Space(true, AddressSet.max(true).subtract(BigInteger.valueOf(WINDOW - 1))));

    /** A random interval of the window, mostly short (as /32 rules are), sometimes long. */
    private static int[] interval(Random r) {
        int lo = r.nextInt(WINDOW);
        int len = r.nextInt(10) == 0 ? r.nextInt(WINDOW) : r.nextInt(4);
        return new int[] {lo, Math.min(WINDOW - 1, lo + len)};
    }

    private static AddressSet randomSet(Space sp, Random r, BitSet model) {
        AddressSet s = AddressSet.empty(sp.ipv6());
        for (int i = 0, n = r.nextInt(300); i < n; i++) {
            int[] iv = interval(r);
            s.add(sp.at(iv[0]), sp.at(iv[1]));
            model.set(iv[0], iv[1] + 1);
        }
        return s;
    }

    private static void assertWellFormed(AddressSet s) {
        BigInteger previousEnd = null;
        for (BigInteger[] r : s.intervals()) {
            assertThat(r[0]).isLessThanOrEqualTo(r[1]);
            if (previousEnd != null) {
                assertThat(r[0]).as("intervals are sorted, disjoint and not adjacent")
                        .isGreaterThan(previousEnd.add(BigInteger.ONE));
            }
            previousEnd = r[1];
        }
    }

    @Test
    void everyOperationAgreesWithABitSet() {
        for (Space sp : SPACES) {
            for (long seed = 0; seed < 6; seed++) {
                Random r = new Random(seed);
                BitSet model = new BitSet(WINDOW);
                AddressSet s = AddressSet.empty(sp.ipv6());
                for (int step = 0; step < 4000; step++) {
                    int[] iv = interval(r);
                    BitSet otherModel = new BitSet(WINDOW);
                    switch (r.nextInt(11)) {
                        case 0, 1, 2 -> {
                            s.add(sp.at(iv[0]), sp.at(iv[1]));
                            model.set(iv[0], iv[1] + 1);
                        }
                        case 3, 4, 5 -> {
                            s.remove(sp.at(iv[0]), sp.at(iv[1]));
                            model.clear(iv[0], iv[1] + 1);
                        }
                        case 6 -> {
                            AddressSet where = randomSet(sp, r, otherModel);
                            BitSet intoModel = new BitSet(WINDOW);
                            AddressSet into = randomSet(sp, r, intoModel);
                            long[] one = where.oneInterval();
                            if (one != null && r.nextBoolean()) {
                                // the inline form a compiled step uses for its one source network
                                s.moveInto(one[0], one[1], one[2], one[3], into);
                            } else {
                                s.moveInto(where, into);
                            }
                            BitSet moved = (BitSet) model.clone();
                            moved.and(otherModel);
                            intoModel.or(moved);
                            model.andNot(otherModel);
                            assertThat(sp.bits(into)).isEqualTo(intoModel);
                            assertWellFormed(into);
                        }
                        case 7 -> {
                            AddressSet other = randomSet(sp, r, otherModel);
                            if (r.nextBoolean()) {
                                s.addAll(other);
                                model.or(otherModel);
                            } else {
                                s.removeAll(other);
                                model.andNot(otherModel);
                            }
                        }
                        case 8 -> {
                            AddressSet other = randomSet(sp, r, otherModel);
                            BitSet and = (BitSet) model.clone();
                            and.and(otherModel);
                            BitSet or = (BitSet) model.clone();
                            or.or(otherModel);
                            BitSet minus = (BitSet) model.clone();
                            minus.andNot(otherModel);
                            assertThat(sp.bits(s.intersect(other))).isEqualTo(and);
                            assertThat(sp.bits(other.intersect(s))).isEqualTo(and);
                            assertThat(sp.bits(s.union(other))).isEqualTo(or);
                            assertThat(sp.bits(s.minus(other))).isEqualTo(minus);
                            assertThat(sp.bits(other)).isEqualTo(otherModel);
                        }
                        case 9 -> {
                            BitSet in = model.get(iv[0], iv[1] + 1);
                            BitSet expected = new BitSet(WINDOW);
                            in.stream().forEach(i -> expected.set(i + iv[0]));
                            assertThat(sp.bits(s.slice(sp.at(iv[0]), sp.at(iv[1])))).isEqualTo(expected);
                            assertThat(s.contains(sp.at(iv[0]))).isEqualTo(model.get(iv[0]));
                        }
                        default -> {
                            AddressSet copy = s.copy();
                            assertThat(copy.sameAs(s)).isTrue();
                            copy.add(sp.at(iv[0]), sp.at(iv[0]));
                            assertThat(copy.sameAs(s)).isEqualTo(model.get(iv[0]));
                            AddressSet taken = copy.takeAll();
                            assertThat(copy.isEmpty()).isTrue();
                            assertThat(taken.contains(sp.at(iv[0]))).isTrue();
                            AddressSet giver = s.copy();
                            AddressSet taker = r.nextBoolean() ? AddressSet.empty(sp.ipv6()) : randomSet(sp, r, otherModel);
                            taker.take(giver);
                            BitSet union = (BitSet) model.clone();
                            union.or(otherModel);
                            assertThat(sp.bits(taker)).isEqualTo(union);
                            assertThat(giver.isEmpty()).isTrue();
                            assertWellFormed(taker);
                        }
                    }
                    if (step % 97 == 0 || step == 3999) {
                        assertThat(sp.bits(s)).as("space %s, seed %d, step %d", sp, seed, step).isEqualTo(model);
                        assertWellFormed(s);
                        assertThat(s.isEmpty()).isEqualTo(s.intervals().isEmpty());
                    }
                }
                assertThat(s.size()).isEqualTo(BigInteger.valueOf(model.cardinality()));
            }
        }
    }

    @Test
    void theWholeFamilySurvivesCutsAtBothEnds() {
        for (boolean ipv6 : new boolean[] {false, true}) {
            BigInteger top = AddressSet.max(ipv6);
            AddressSet s = AddressSet.all(ipv6);
            assertThat(s.size()).isEqualTo(top.add(BigInteger.ONE));
            s.remove(BigInteger.ZERO, BigInteger.ZERO);
            s.remove(top, top);
            assertThat(s.intervals()).singleElement()
                    .satisfies(r -> assertThat(r).containsExactly(BigInteger.ONE, top.subtract(BigInteger.ONE)));
            s.add(top, top);
            s.add(BigInteger.ZERO, BigInteger.ZERO);
            assertThat(s.sameAs(AddressSet.all(ipv6))).isTrue();
            s.retain(BigInteger.TEN, top);
            assertThat(s.contains(BigInteger.valueOf(9))).isFalse();
            assertThat(s.contains(top)).isTrue();
        }
    }

    @Test
    void aHundredThousandSingleAddressesAreKeptApartAndMergeBack() {
        AddressSet s = AddressSet.all(false);
        for (int i = 0; i < 100_000; i++) {
            s.remove(BigInteger.valueOf(2L * i + 1), BigInteger.valueOf(2L * i + 1));
        }
        assertThat(s.intervals()).hasSize(100_001);
        assertWellFormed(s);
        for (int i = 99_999; i >= 0; i -= 2) {
            s.add(BigInteger.valueOf(2L * i + 1), BigInteger.valueOf(2L * i + 1));
        }
        assertThat(s.intervals()).hasSize(50_001);
        assertWellFormed(s);
        for (int i = 0; i < 100_000; i += 2) {
            s.add(BigInteger.valueOf(2L * i + 1), BigInteger.valueOf(2L * i + 1));
        }
        assertThat(s.sameAs(AddressSet.all(false))).isTrue();
    }

    @Test
    void wholeSetsMergedInOnePassAgreeWithOneIntervalAtATime() {
        for (boolean ipv6 : new boolean[] {false, true}) {
            BigInteger top = AddressSet.max(ipv6);
            Random r = new Random(ipv6 ? 7 : 3);
            AddressSet holes = AddressSet.empty(ipv6);
            AddressSet holesOneByOne = AddressSet.empty(ipv6);
            for (int i = 0; i < 5_000; i++) {
                // single addresses at both ends and in the middle, the 128-bit carries included
                BigInteger a = switch (i % 3) {
                    case 0 -> BigInteger.valueOf(r.nextInt(20_000));
                    case 1 -> top.subtract(BigInteger.valueOf(r.nextInt(20_000)));
                    default -> top.shiftRight(1).add(BigInteger.valueOf(r.nextInt(20_000)));
                };
                holes.add(a, a);
            }
            holes.intervals().forEach(iv -> holesOneByOne.add(iv[0], iv[1]));
            AddressSet merged = AddressSet.all(ipv6);
            merged.removeAll(holes);
            AddressSet oneByOne = AddressSet.all(ipv6);
            for (BigInteger[] iv : holes.intervals()) {
                oneByOne.remove(iv[0], iv[1]);
            }
            assertThat(merged.sameAs(oneByOne)).isTrue();
            assertThat(merged.size()).isEqualTo(top.add(BigInteger.ONE).subtract(holes.size()));
            assertWellFormed(merged);
            AddressSet back = merged.copy();
            back.addAll(holesOneByOne);
            assertThat(back.sameAs(AddressSet.all(ipv6))).as("the holes fill back to the whole family").isTrue();
            AddressSet union = holes.union(merged);
            assertThat(union.sameAs(AddressSet.all(ipv6))).isTrue();
            assertThat(merged.intersect(holes).isEmpty()).isTrue();
        }
    }

    @Test
    void aNetworkAddsTheSameAddressesAsItsFirstAndLastNumber() {
        Random r = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            boolean ipv6 = r.nextBoolean();
            byte[] bytes = new byte[ipv6 ? 16 : 4];
            r.nextBytes(bytes);
            int prefix = r.nextInt(bytes.length * 8 + 1);
            for (int bit = prefix; bit < bytes.length * 8; bit++) {
                bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            dev.bulwark.core.net.IpNetwork n;
            try {
                n = dev.bulwark.core.net.IpNetwork.of(java.net.InetAddress.getByAddress(bytes), prefix);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
            AddressSet byNetwork = AddressSet.empty(ipv6);
            byNetwork.add(n);
            AddressSet byNumbers = AddressSet.empty(ipv6);
            byNumbers.add(Condition.number(n.firstAddress()), Condition.number(n.lastAddress()));
            assertThat(byNetwork.sameAs(byNumbers)).as("%s", n).isTrue();
        }
    }

    @Test
    void networksAreTheSetsBlocksAndTheListsOfOneResultShareThem() {
        Random r = new Random(5);
        AddressSet a = AddressSet.empty(false);
        for (int i = 0; i < 3_000; i++) {
            long x = r.nextInt(1 << 30) * 4L;
            a.add(BigInteger.valueOf(x), BigInteger.valueOf(x + r.nextInt(300)));
        }
        V4Networks made = new V4Networks();
        List<dev.bulwark.core.net.IpNetwork> networks = a.toNetworks(made);
        List<BigInteger[]> blocks = a.toBlocks();
        assertThat(networks).hasSize(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            assertThat(Condition.number(networks.get(i).firstAddress())).isEqualTo(blocks.get(i)[0]);
            assertThat(networks.get(i).prefixLength()).isEqualTo(blocks.get(i)[1].intValueExact());
        }
        List<dev.bulwark.core.net.IpNetwork> again = a.copy().toNetworks(made);
        for (int i = 0; i < networks.size(); i++) {
            assertThat(again.get(i)).isSameAs(networks.get(i));
        }
        assertThat(a.toNetworks()).isEqualTo(networks);
    }

    @Test
    void atLeastHalfCountsEveryAddress() {
        AddressSet half = AddressSet.empty(false);
        half.add(BigInteger.ONE, BigInteger.ONE.shiftLeft(31));
        assertThat(half.atLeastHalf()).isTrue();
        half.remove(BigInteger.TWO, BigInteger.TWO);
        assertThat(half.atLeastHalf()).isFalse();
        assertThat(AddressSet.all(false).atLeastHalf()).isTrue();
        assertThat(AddressSet.empty(false).atLeastHalf()).isFalse();
        AddressSet v6 = AddressSet.empty(true);
        v6.add(BigInteger.ZERO, BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE));
        assertThat(v6.atLeastHalf()).isTrue();
        v6.remove(BigInteger.ZERO, BigInteger.ZERO);
        assertThat(v6.atLeastHalf()).isFalse();
    }
}
