package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.net.IpNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a fresh JVM by {@link WireGuardPlanPersistenceTest}: rebuilds {@link #recipe()} from the
 * persisted {@code plan.keys} and {@code plan.addresses} in the directory given, and writes every
 * node's rendered config to {@code out/NODE.conf} there.
 */
public final class RebuildPlanMain {

    private RebuildPlanMain() {
    }

    /** The builder calls of the plan under test, without any key or allocation. */
    static WireGuardPlanBuilder recipe() {
        return WireGuardPlan.hubAndSpoke("gw", WireGuardEndpoint.parse("203.0.113.1:51820"))
                .network(IpNetwork.parse("10.8.0.0/24"))
                .network(IpNetwork.parse("fd00:8::/64"))
                .dns("10.8.0.1")
                .client("laptop").client("phone").client("tablet");
    }

    /** Rebuilds from {@code dir/plan.keys} and {@code dir/plan.addresses} only. */
    static WireGuardPlan rebuild(Path dir) throws IOException {
        return recipe()
                .keys(WireGuardPlanKeys.parse(Files.readString(dir.resolve("plan.keys")), "plan.keys"))
                .allocations(AddressAllocations.parse(Files.readString(dir.resolve("plan.addresses")), "plan.addresses"))
                .build();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path out = Files.createDirectories(dir.resolve("out"));
        for (Map.Entry<String, String> e : rebuild(dir).render().entrySet()) {
            Files.writeString(out.resolve(e.getKey() + ".conf"), e.getValue());
        }
    }
}
