package io.github.qstashspring.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import org.junit.jupiter.api.Test;

import io.github.qstashspring.signature.QStashSignatureException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QStashSignatureVerifierTests {

    private static final String CURRENT = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";

    private static final String NEXT = "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs";

    private static final String URL = "https://app.test/hooks/orders";

    private static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private final QStashSignatureVerifier verifier = QStashSignatureVerifier.builder()
        .currentSigningKey(CURRENT)
        .nextSigningKey(NEXT)
        .clockTolerance(Duration.ofSeconds(5))
        .clock(this.clock)
        .build();

    @Test
    void acceptsSignatureFromSignerWithCurrentKey() {
        String token = new QStashSigner(CURRENT, this.clock).sign(URL, BODY);
        QStashSignatureClaims claims = this.verifier.verify(token, BODY, URL);
        assertThat(claims.subject()).isEqualTo(URL);
        assertThat(claims.signedWithNextKey()).isFalse();
        assertThat(claims.expiresAt()).isEqualTo(this.clock.instant().plusSeconds(300));
        assertThat(claims.tokenId()).startsWith("jwt_").hasSize(32);
    }

    @Test
    void acceptsSignatureWithNextKeyAndSaysSo() {
        String token = new QStashSigner(NEXT, this.clock).sign(URL, BODY);
        assertThat(this.verifier.verify(token, BODY, URL).signedWithNextKey()).isTrue();
    }

    @Test
    void rejectsOtherKey() {
        String token = new QStashSigner("sig_other", this.clock).sign(URL, BODY);
        assertReason(token, BODY, URL, Reason.SIGNATURE);
    }

    @Test
    void rejectsBodyChangedByOneByte() {
        String token = new QStashSigner(CURRENT, this.clock).sign(URL, BODY);
        byte[] altered = BODY.clone();
        altered[3] ^= 1;
        assertReason(token, altered, URL, Reason.BODY);
    }

    @Test
    void acceptsPaddedBodyHash() {
        String padded = Base64.getUrlEncoder().encodeToString(sha256(BODY));
        assertThat(padded).endsWith("=");
        String token = JWT.create()
            .withIssuer("Upstash")
            .withSubject(URL)
            .withExpiresAt(this.clock.instant().plusSeconds(300))
            .withClaim("body", padded)
            .sign(Algorithm.HMAC256(CURRENT));
        assertThat(this.verifier.verify(token, BODY, URL).subject()).isEqualTo(URL);
    }

    @Test
    void rejectsOtherUrlOnlyWhenUrlIsChecked() {
        String token = new QStashSigner(CURRENT, this.clock).sign(URL, BODY);
        assertReason(token, BODY, "https://app.test/other", Reason.URL);
        assertThat(this.verifier.verify(token, BODY).subject()).isEqualTo(URL);
    }

    @Test
    void rejectsExpiredBeyondToleranceButAcceptsWithin() {
        Clock signedEarlier = Clock.offset(this.clock, Duration.ofSeconds(-304));
        String token = new QStashSigner(CURRENT, signedEarlier).sign(URL, BODY);
        QStashSignatureClaims claims = this.verifier.verify(token, BODY, URL);
        assertThat(claims.subject()).isEqualTo(URL);
        assertThat(claims.expiresAt()).isBefore(this.clock.instant());
        String older = new QStashSigner(CURRENT, Clock.offset(this.clock, Duration.ofSeconds(-306))).sign(URL, BODY);
        assertReason(older, BODY, URL, Reason.EXPIRED);
    }

    @Test
    void rejectsTokenWithoutExpiry() {
        String token = JWT.create()
            .withIssuer("Upstash")
            .withSubject(URL)
            .withClaim("body", Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(BODY)))
            .sign(Algorithm.HMAC256(CURRENT));
        assertThatExceptionOfType(QStashSignatureException.class)
            .isThrownBy(() -> this.verifier.verify(token, BODY, URL))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.EXPIRED))
            .withMessage("Signature has no exp claim");
    }

    @Test
    void rejectsNotYetValidBeyondToleranceButAcceptsWithin() {
        String within = JWT.create()
            .withIssuer("Upstash")
            .withSubject(URL)
            .withNotBefore(this.clock.instant().plusSeconds(4))
            .withExpiresAt(this.clock.instant().plusSeconds(300))
            .withClaim("body", Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(BODY)))
            .sign(Algorithm.HMAC256(CURRENT));
        QStashSignatureClaims claims = this.verifier.verify(within, BODY, URL);
        assertThat(claims.subject()).isEqualTo(URL);
        assertThat(claims.expiresAt()).isEqualTo(this.clock.instant().plusSeconds(300));
        String beyond = JWT.create()
            .withIssuer("Upstash")
            .withSubject(URL)
            .withNotBefore(this.clock.instant().plusSeconds(6))
            .withExpiresAt(this.clock.instant().plusSeconds(300))
            .withClaim("body", Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(BODY)))
            .sign(Algorithm.HMAC256(CURRENT));
        assertReason(beyond, BODY, URL, Reason.NOT_YET_VALID);
    }

    @Test
    void rejectsMissingAndMalformed() {
        assertReason(null, BODY, URL, Reason.MISSING);
        assertReason(" ", BODY, URL, Reason.MISSING);
        assertReason("not-a-jwt", BODY, URL, Reason.MALFORMED);
    }

    @Test
    void rejectsAlgorithmNone() {
        String token = JWT.create()
            .withIssuer("Upstash")
            .withSubject(URL)
            .withExpiresAt(this.clock.instant().plusSeconds(300))
            .withClaim("body", Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(BODY)))
            .sign(Algorithm.none());
        assertReason(token, BODY, URL, Reason.ALGORITHM);
    }

    @Test
    void failureMessagesNeverContainKeys() {
        String token = new QStashSigner("sig_other", this.clock).sign(URL, BODY);
        assertThatExceptionOfType(QStashSignatureException.class).isThrownBy(() -> this.verifier.verify(token, BODY))
            .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(CURRENT).doesNotContain(NEXT));
    }

    private void assertReason(String token, byte[] body, String url, Reason reason) {
        assertThatExceptionOfType(QStashSignatureException.class)
            .isThrownBy(() -> this.verifier.verify(token, body, url))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
    }

    private static byte[] sha256(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(body);
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
