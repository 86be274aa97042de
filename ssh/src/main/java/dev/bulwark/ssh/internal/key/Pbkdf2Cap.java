package dev.bulwark.ssh.internal.key;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** Refuses encrypted PKCS#8 keys whose PBKDF2 iteration count would hang the reader. Not API. */
final class Pbkdf2Cap {

    /** The most PBKDF2 iterations accepted from a file. */
    static final int MAX_ITERATIONS = 10_000_000;

    private Pbkdf2Cap() {
    }

    static void check(AlgorithmIdentifier algorithm, Position at) {
        if (!PKCSObjectIdentifiers.id_PBES2.equals(algorithm.getAlgorithm())) {
            return;
        }
        PBES2Parameters params = PBES2Parameters.getInstance(algorithm.getParameters());
        if (PKCSObjectIdentifiers.id_PBKDF2.equals(params.getKeyDerivationFunc().getAlgorithm())) {
            PBKDF2Params kdf = PBKDF2Params.getInstance(params.getKeyDerivationFunc().getParameters());
            if (kdf.getIterationCount().bitLength() > 31 || kdf.getIterationCount().intValue() > MAX_ITERATIONS) {
                throw new ParseException(at, "PBKDF2 iteration count " + kdf.getIterationCount() + " above "
                        + MAX_ITERATIONS + " (the cap Bulwark applies to untrusted key files)");
            }
        }
    }
}
