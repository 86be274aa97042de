package dev.bulwark.firewall;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.PortRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The destination ports a rule matches: any port, or a list of single ports and ranges. The list
 * is kept sorted with overlapping and adjacent ranges merged, so equal port sets are equal values
 * and rendered output is stable.
 *
 * @param ranges the ranges, sorted and disjoint; empty means any port
 */
public record Ports(List<PortRange> ranges) {

    /** Any port (no port match). */
    public static final Ports ANY = new Ports(List.of());

    /** Sorts and merges the ranges. */
    public Ports {
        List<PortRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(PortRange::first).thenComparingInt(PortRange::last));
        List<PortRange> merged = new ArrayList<>();
        for (PortRange r : sorted) {
            if (r.first() < 1) {
                throw new ValidationException("port 0 cannot be matched by a firewall rule; ports start at 1");
            }
            if (!merged.isEmpty() && merged.get(merged.size() - 1).last() + 1 >= r.first()) {
                PortRange last = merged.remove(merged.size() - 1);
                merged.add(new PortRange(last.first(), Math.max(last.last(), r.last())));
            } else {
                merged.add(r);
            }
        }
        ranges = List.copyOf(merged);
    }

    /** Single ports, e.g. {@code Ports.of(80, 443)}. */
    public static Ports of(int... ports) {
        if (ports.length == 0) {
            throw new ValidationException("Ports.of needs at least one port; use Ports.ANY for any port");
        }
        List<PortRange> list = new ArrayList<>();
        for (int p : ports) {
            list.add(new PortRange(p, p));
        }
        return new Ports(list);
    }

    /** The ports {@code first} to {@code last}, both included. */
    public static Ports range(int first, int last) {
        return new Ports(List.of(new PortRange(first, last)));
    }

    /** Whether this matches every port. */
    public boolean isAny() {
        return ranges.isEmpty();
    }

    /** Whether {@code port} is matched. */
    public boolean contains(int port) {
        if (isAny()) {
            return true;
        }
        for (PortRange r : ranges) {
            if (r.first() <= port && port <= r.last()) {
                return true;
            }
        }
        return false;
    }

    /** Whether every port of {@code other} is matched by this. */
    public boolean containsAll(Ports other) {
        if (isAny()) {
            return true;
        }
        if (other.isAny()) {
            return false;
        }
        for (PortRange o : other.ranges) {
            boolean covered = false;
            for (PortRange r : ranges) {
                if (r.first() <= o.first() && o.last() <= r.last()) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    /** Whether some port is matched by both. */
    public boolean overlaps(Ports other) {
        if (isAny() || other.isAny()) {
            return true;
        }
        for (PortRange o : other.ranges) {
            for (PortRange r : ranges) {
                if (r.first() <= o.last() && o.first() <= r.last()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Splits the list into chunks that iptables' {@code multiport} match can carry: at most
     * {@code maxEntries} entries where a single port counts one and a range counts two.
     */
    public List<Ports> chunks(int maxEntries) {
        List<Ports> out = new ArrayList<>();
        List<PortRange> current = new ArrayList<>();
        int used = 0;
        for (PortRange r : ranges) {
            int cost = r.first() == r.last() ? 1 : 2;
            if (used + cost > maxEntries) {
                out.add(new Ports(current));
                current = new ArrayList<>();
                used = 0;
            }
            current.add(r);
            used += cost;
        }
        if (!current.isEmpty()) {
            out.add(new Ports(current));
        }
        return out;
    }

    /** The ports joined with {@code separator}, ranges written {@code first<rangeMark>last}. */
    public String join(String separator, String rangeMark) {
        return ranges.stream()
                .map(r -> r.first() == r.last() ? Integer.toString(r.first()) : r.first() + rangeMark + r.last())
                .collect(Collectors.joining(separator));
    }

    @Override
    public String toString() {
        return isAny() ? "any" : join(",", "-");
    }
}
