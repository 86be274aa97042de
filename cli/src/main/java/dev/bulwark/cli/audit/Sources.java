package dev.bulwark.cli.audit;

import dev.bulwark.cli.RemoteOptions;
import dev.bulwark.cli.UsageException;
import java.nio.file.Path;

/** The rule every audit shares: a captured file, a server over SSH, or this machine — one of them. */
final class Sources {

    private Sources() {
    }

    /** Refuses {@code --from} together with {@code --target}. */
    static void requireOne(Path from, RemoteOptions remote) {
        if (from != null && remote.target().isPresent()) {
            throw new UsageException("give either --from FILE or --target USER@HOST, not both");
        }
    }
}
