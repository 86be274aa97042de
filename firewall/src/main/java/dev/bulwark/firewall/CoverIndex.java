package dev.bulwark.firewall;

import dev.bulwark.core.net.IpNetwork;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the earlier rules that could cover a rule without comparing it with every earlier rule:
 * a covering rule has the same direction, a source network containing the rule's first source
 * (or no source match), and a port set containing the rule's lowest port (or no port match).
 * Rules are indexed by direction, then by each source network, then by each single port; rules
 * with port ranges are kept in a list per bucket. Checking a policy of many rules that differ in
 * source or port is then near-linear; many overlapping port ranges still compare pairwise.
 */
final class CoverIndex {

    private final Map<Direction, Bucket> buckets = new EnumMap<>(Direction.class);

    void add(int index, Rule rule) {
        Bucket bucket = buckets.computeIfAbsent(rule.direction(), d -> new Bucket());
        if (rule.sources().isEmpty()) {
            bucket.anySource.add(index, rule);
        } else {
            for (IpNetwork source : rule.sources()) {
                bucket.bySource.computeIfAbsent(source, s -> new PortIndex()).add(index, rule);
            }
        }
    }

    /** Indexes of earlier rules that might cover {@code rule}, ascending. */
    TreeSet<Integer> candidates(Rule rule) {
        TreeSet<Integer> out = new TreeSet<>();
        Bucket bucket = buckets.get(rule.direction());
        if (bucket == null) {
            return out;
        }
        bucket.anySource.candidates(rule, out);
        if (!rule.sources().isEmpty()) {
            IpNetwork first = rule.sources().get(0);
            for (int length = 0; length <= first.prefixLength(); length++) {
                PortIndex index = bucket.bySource.get(IpNetwork.containing(first.address(), length));
                if (index != null) {
                    index.candidates(rule, out);
                }
            }
        }
        return out;
    }

    private static final class Bucket {
        final PortIndex anySource = new PortIndex();
        final Map<IpNetwork, PortIndex> bySource = new HashMap<>();
    }

    private static final class PortIndex {
        final List<Integer> anyPort = new ArrayList<>();
        final Map<Integer, List<Integer>> bySinglePort = new HashMap<>();
        final List<Integer> withRanges = new ArrayList<>();

        void add(int index, Rule rule) {
            Ports ports = rule.ports();
            if (ports.isAny()) {
                anyPort.add(index);
            } else if (ports.ranges().stream().allMatch(r -> r.isSinglePort())) {
                ports.ranges().forEach(r -> bySinglePort.computeIfAbsent(r.first(), p -> new ArrayList<>()).add(index));
            } else {
                withRanges.add(index);
            }
        }

        void candidates(Rule rule, TreeSet<Integer> out) {
            out.addAll(anyPort);
            if (rule.ports().isAny()) {
                return;
            }
            out.addAll(withRanges);
            int lowest = rule.ports().ranges().get(0).first();
            List<Integer> single = bySinglePort.get(lowest);
            if (single != null) {
                out.addAll(single);
            }
        }
    }
}
