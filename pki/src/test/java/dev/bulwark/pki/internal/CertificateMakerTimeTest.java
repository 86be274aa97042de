package dev.bulwark.pki.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;

/** Validity times are encoded exactly as BouncyCastle's {@code new Time(Date)} encodes them. */
class CertificateMakerTimeTest {

    @Test
    void encodesAsBouncyCastleDoesFrom1950To9999() throws IOException {
        SplittableRandom random = new SplittableRandom(20261206);
        long from = Instant.parse("1950-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(from, to));
            assertThat(CertificateMaker.asn1Time(instant).getEncoded()).as("%s", instant)
                    .isEqualTo(new Time(Date.from(instant)).getEncoded());
        }
    }

    @Test
    void usesUtcTimeThrough2049AndGeneralizedTimeFrom2050() throws IOException {
        Time last = CertificateMaker.asn1Time(Instant.parse("2049-12-31T23:59:59.900Z"));
        assertThat(last.toASN1Primitive()).isInstanceOf(ASN1UTCTime.class);
        assertThat(new String(last.getEncoded(), 2, 13, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("491231235959Z");
        Time first = CertificateMaker.asn1Time(Instant.parse("2050-01-01T00:00:00Z"));
        assertThat(first.toASN1Primitive()).isInstanceOf(ASN1GeneralizedTime.class);
        assertThat(new String(first.getEncoded(), 2, 15, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("20500101000000Z");
        assertThat(CertificateMaker.asn1Time(Instant.parse("2026-12-06T20:15:07Z")).getDate())
                .isEqualTo(Date.from(Instant.parse("2026-12-06T20:15:07Z")));
    }
}
