package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link CertificateAuthority} issues: its clock and randomness (injectable so tests are
 * deterministic), the serial number size, how long its CRLs are valid, and the optional URLs it
 * writes into the certificates it issues.
 *
 * @param clock                where "now" comes from; notBefore is this minus one minute
 * @param random               the CSPRNG for serial numbers and generated keys
 * @param serialBits           random bits per serial number, 64..158; default 128 (the serial
 *                             gets one more, fixed, leading bit, so it is positive, of constant
 *                             length and at most 20 octets)
 * @param crlValidity          nextUpdate minus thisUpdate of issued CRLs; default 7 days
 * @param crlDistributionPoint a CRL URL written into issued certificates (cRLDistributionPoints)
 * @param caIssuers            a URL of the issuer's certificate written into issued certificates
 *                             (authorityInfoAccess caIssuers)
 */
public record CaSettings(Clock clock, SecureRandom random, int serialBits, Duration crlValidity,
                         Optional<URI> crlDistributionPoint, Optional<URI> caIssuers) {

    /** The default number of random bits in a serial number. */
    public static final int DEFAULT_SERIAL_BITS = 128;
    /** The default validity of a CRL. */
    public static final Duration DEFAULT_CRL_VALIDITY = Duration.ofDays(7);

    /** Validates the components. */
    public CaSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(crlValidity, "crlValidity");
        Objects.requireNonNull(crlDistributionPoint, "crlDistributionPoint");
        Objects.requireNonNull(caIssuers, "caIssuers");
        if (serialBits < 64 || serialBits > 158) {
            throw new ValidationException("serialBits " + serialBits
                    + " is outside 64..158 (RFC 5280 and the CA/Browser Forum: at least 64 random bits, at most 20 octets)");
        }
        if (crlValidity.isNegative() || crlValidity.isZero()) {
            throw new ValidationException("crlValidity " + crlValidity + " must be positive");
        }
        crlDistributionPoint.ifPresent(u -> checkUrl("crlDistributionPoint", u));
        caIssuers.ifPresent(u -> checkUrl("caIssuers", u));
    }

    /** The system clock in UTC, a new {@link SecureRandom}, 128-bit serials, 7-day CRLs, no URLs. */
    public static CaSettings defaults() {
        return new CaSettings(Clock.systemUTC(), new SecureRandom(), DEFAULT_SERIAL_BITS,
                DEFAULT_CRL_VALIDITY, Optional.empty(), Optional.empty());
    }

    /** A copy with another clock. */
    public CaSettings withClock(Clock newClock) {
        return new CaSettings(newClock, random, serialBits, crlValidity, crlDistributionPoint, caIssuers);
    }

    /** A copy with another source of randomness. */
    public CaSettings withRandom(SecureRandom newRandom) {
        return new CaSettings(clock, newRandom, serialBits, crlValidity, crlDistributionPoint, caIssuers);
    }

    /** A copy with another serial number size. */
    public CaSettings withSerialBits(int bits) {
        return new CaSettings(clock, random, bits, crlValidity, crlDistributionPoint, caIssuers);
    }

    /** A copy with another CRL validity. */
    public CaSettings withCrlValidity(Duration validity) {
        return new CaSettings(clock, random, serialBits, validity, crlDistributionPoint, caIssuers);
    }

    /** A copy that writes these URLs into issued certificates. */
    public CaSettings withUrls(URI crlUrl, URI caIssuersUrl) {
        return new CaSettings(clock, random, serialBits, crlValidity, Optional.of(crlUrl), Optional.of(caIssuersUrl));
    }

    private static void checkUrl(String field, URI uri) {
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) || uri.getHost() == null) {
            throw new ValidationException(field + " " + uri
                    + " must be an http:// URL (RFC 5280 relying parties fetch CRLs and issuers over plain HTTP)");
        }
    }
}
