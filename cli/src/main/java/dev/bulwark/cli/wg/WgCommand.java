package dev.bulwark.cli.wg;

import dev.bulwark.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code bulwark wg}: WireGuard. */
@Command(name = "wg", mixinStandardHelpOptions = true,
        description = "WireGuard: plan a hub-and-spoke network and write every node's wg-quick config.",
        subcommands = {WgPlan.class},
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark wg plan --hub gw --endpoint 203.0.113.1:51820 --network 10.8.0.0/24 --client laptop --out wg"})
public final class WgCommand extends GroupCommand {
}
