package dev.bulwark.firewall.parse.internal;

import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads each hand-written input of {@code nft-text/} into a throwaway network namespace with the
 * real {@code nft -f}, prints it with {@code nft FLAGS list ruleset} and {@code nft -j FLAGS list
 * ruleset} for every listing flag, and checks that the text reader builds the JSON's items from
 * the text: the live form of {@link NftTextItemsTest}, which keeps such captures.
 */
@Tag("interop")
@RequiresNetworkNamespaces
@RequiresTool("nft")
class NftTextLiveTest {

    static List<String> inputs() {
        return NftTextItemsTest.INPUTS;
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void theItemsOfEveryListingOfALiveKernelAreWhatNftJsonPrints(String input) throws IOException {
        Path file = Files.createTempFile("bw-nft-text", ".nft");
        try (NetworkNamespace ns = NetworkNamespace.create("nfttext")) {
            Files.writeString(file, NftTextItemsTest.resource(input + ".nft"));
            ns.execChecked("ip", "link", "add", "va", "type", "veth", "peer", "name", "vb");
            ns.execChecked("nft", "-f", file.toString());
            for (String flag : NftTextItemsTest.FLAGS) {
                List<String> text = new ArrayList<>(List.of("nft"));
                List<String> json = new ArrayList<>(List.of("nft", "-j"));
                if (!flag.isEmpty()) {
                    text.add(flag);
                    json.add(flag);
                }
                text.addAll(List.of("list", "ruleset"));
                json.addAll(List.of("list", "ruleset"));
                String listing = ns.execChecked(text.toArray(String[]::new)).output();
                String printed = ns.execChecked(json.toArray(String[]::new)).output();
                List<Object> items = new NftTextReader("live " + input + flag, null).items(listing);
                NftTextItemsTest.sameItems(NftTextItems.mine(items, printed), NftTextItems.real(printed, items));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
