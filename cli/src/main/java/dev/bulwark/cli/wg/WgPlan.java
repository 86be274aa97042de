package dev.bulwark.cli.wg;

import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.Inputs;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.vpn.wireguard.AddressAllocations;
import dev.bulwark.vpn.wireguard.WireGuardEndpoint;
import dev.bulwark.vpn.wireguard.WireGuardPlan;
import dev.bulwark.vpn.wireguard.WireGuardPlanBuilder;
import dev.bulwark.vpn.wireguard.WireGuardPlanKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark wg plan}: a hub-and-spoke WireGuard network, one config per node. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Plan a hub-and-spoke WireGuard network: keys, tunnel addresses (the hub gets the first), and one"
                + " wg-quick config per node, NODE.conf (mode 0600: it holds the node's private key), in --out.",
            "The plan's secrets go to plan.keys (0600) and its addresses to plan.addresses; when --out already holds them,"
                + " they are reused, so adding a client changes only the hub's config and the new client's.",
            "Prints each node's config file, address and public key; never a private key."},
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark wg plan --hub gw --endpoint 203.0.113.1:51820 --network 10.8.0.0/24 --client laptop --client phone --out wg",
            "  bulwark wg plan --hub gw --endpoint vpn.example.org:51820 --network 10.8.0.0/24 --network fd00:8::/64 \\",
            "      --client laptop --dns 10.8.0.1 --out wg     # same --out: keys and addresses kept"})
final class WgPlan implements Callable<Integer> {

    static final String KEYS = "plan.keys";
    static final String ADDRESSES = "plan.addresses";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--hub", paramLabel = "NAME", required = true, description = "The gateway node's name.")
    private String hub;

    @Option(names = "--endpoint", paramLabel = "HOST:PORT", required = true,
            description = "Where the clients reach the hub, e.g. 203.0.113.1:51820 or [2001:db8::1]:51820.")
    private String endpoint;

    @Option(names = "--network", paramLabel = "CIDR", required = true,
            description = "A tunnel network (repeatable: one IPv4 and one IPv6), e.g. 10.8.0.0/24.")
    private List<String> networks;

    @Option(names = "--client", paramLabel = "NAME", description = "A client node (repeatable).")
    private List<String> clients = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "ADDRESS", description = "A DNS server the clients use (repeatable).")
    private List<String> dns = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the configs go (created 0700 if new).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        WireGuardPlanBuilder builder = WireGuardPlan.hubAndSpoke(hub, WireGuardEndpoint.parse(endpoint));
        for (String n : networks) {
            builder.network(IpNetwork.parse(n));
        }
        clients.forEach(builder::client);
        if (!dns.isEmpty()) {
            builder.dns(dns.toArray(String[]::new));
        }
        Path keysFile = out.resolve(KEYS);
        Path addressesFile = out.resolve(ADDRESSES);
        if (Files.exists(keysFile)) {
            builder.keys(WireGuardPlanKeys.parse(Inputs.read(keysFile, err), keysFile.toString()));
        }
        if (Files.exists(addressesFile)) {
            builder.allocations(AddressAllocations.parse(Inputs.read(addressesFile, err), addressesFile.toString()));
        }
        WireGuardPlan plan = builder.build();
        if (!Files.isDirectory(out)) {
            SafeFiles.createDirectories(out, FileMode.PRIVATE_DIRECTORY);
        }
        SafeFiles.writeString(keysFile, plan.keys().render(), FileMode.SECRET);
        SafeFiles.writeString(addressesFile, plan.allocations().render(), FileMode.PUBLIC);
        PrintWriter stdout = spec.commandLine().getOut();
        for (Map.Entry<String, String> config : plan.render().entrySet()) {
            Path file = out.resolve(config.getKey() + ".conf");
            SafeFiles.writeString(file, config.getValue(), FileMode.SECRET);
            String addresses = plan.addresses(config.getKey()).stream().map(InetAddress::getHostAddress)
                    .collect(Collectors.joining(","));
            stdout.println(file + " " + addresses + " " + plan.publicKey(config.getKey()));
        }
        stdout.flush();
        return ExitCodes.OK;
    }
}
