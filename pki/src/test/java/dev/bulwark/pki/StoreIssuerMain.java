package dev.bulwark.pki;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A separate process for {@link CaStoreTest}: opens the store at args[0] with the passphrase read
 * from standard input, issues args[1] server certificates and prints each serial in hex.
 */
public final class StoreIssuerMain {

    private StoreIssuerMain() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        char[] passphrase = in.readLine().toCharArray();
        CertificateAuthority ca = CaStore.open(Path.of(args[0]), passphrase).authority().withPolicy(TestPolicy.NAMES);
        Arrays.fill(passphrase, '\0');
        int count = Integer.parseInt(args[1]);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            BigInteger serial = ca.issueServer(List.of("p" + ProcessHandle.current().pid() + "-" + i + ".example.com"),
                    Duration.ofDays(30)).certificate().getSerialNumber();
            out.append(serial.toString(16)).append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }
}
