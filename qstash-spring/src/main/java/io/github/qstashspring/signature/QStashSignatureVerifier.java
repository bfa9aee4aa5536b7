package io.github.qstashspring.signature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.jspecify.annotations.Nullable;

import io.github.qstashspring.signature.QStashSignatureException.Reason;

/**
 * Verifies the {@code Upstash-Signature} header of a request from QStash, the way the
 * official SDKs' receivers do: HS256 only; the current signing key first, then the next
 * one; {@code iss} must be {@code Upstash}; {@code exp} and {@code nbf} are checked with
 * a clock tolerance; optionally {@code sub} must be the URL the request arrived on; and
 * the {@code body} claim must be the SHA-256 of the raw bytes received (padded or
 * unpadded base64url). All comparisons of secrets and hashes are constant-time.
 * Thread-safe; needs no Spring MVC.
 *
 * <pre>{@code
 * QStashSignatureVerifier verifier = QStashSignatureVerifier.builder()
 *     .currentSigningKey(System.getenv("QSTASH_CURRENT_SIGNING_KEY"))
 *     .nextSigningKey(System.getenv("QSTASH_NEXT_SIGNING_KEY"))
 *     .clockTolerance(Duration.ofSeconds(5))
 *     .build();
 * verifier.verify(request.getHeader("Upstash-Signature"), rawBody, "https://my.app/webhooks/orders");
 * }</pre>
 */
public final class QStashSignatureVerifier {

    /** The name of the HTTP header that carries the signature. */
    public static final String SIGNATURE_HEADER = "Upstash-Signature";

    private static final String ISSUER = "Upstash";

    private final List<Algorithm> keys;

    private final Duration clockTolerance;

    private final Clock clock;

    private QStashSignatureVerifier(Builder builder) {
        List<Algorithm> algorithms = new ArrayList<>(2);
        if (builder.currentSigningKey != null && !builder.currentSigningKey.isBlank()) {
            algorithms.add(Algorithm.HMAC256(builder.currentSigningKey));
        }
        if (builder.nextSigningKey != null && !builder.nextSigningKey.isBlank()) {
            algorithms.add(Algorithm.HMAC256(builder.nextSigningKey));
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("At least one signing key (current or next) is required");
        }
        this.keys = List.copyOf(algorithms);
        this.clockTolerance = Objects.requireNonNull(builder.clockTolerance, "clockTolerance");
        this.clock = Objects.requireNonNull(builder.clock, "clock");
    }

    /**
     * Starts building a verifier.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a signature without checking the URL.
     * @param signature the {@code Upstash-Signature} header value, possibly {@code null}
     * @param body the raw request body bytes, exactly as received
     * @return the verified claims
     * @throws QStashSignatureException naming the check that failed
     */
    public QStashSignatureClaims verify(@Nullable String signature, byte[] body) {
        return verify(signature, body, null);
    }

    /**
     * Verifies a signature.
     * @param signature the {@code Upstash-Signature} header value, possibly {@code null}
     * @param body the raw request body bytes, exactly as received
     * @param url the URL the sender used to reach this endpoint, or {@code null} to skip
     * the {@code sub} check
     * @return the verified claims
     * @throws QStashSignatureException naming the check that failed
     */
    public QStashSignatureClaims verify(@Nullable String signature, byte[] body, @Nullable String url) {
        if (signature == null || signature.isBlank()) {
            throw new QStashSignatureException(Reason.MISSING, "Missing " + SIGNATURE_HEADER + " header");
        }
        DecodedJWT jwt = decode(signature.trim());
        if (!"HS256".equals(jwt.getAlgorithm())) {
            throw new QStashSignatureException(Reason.ALGORITHM,
                    "Signature algorithm must be HS256 but was " + jwt.getAlgorithm());
        }
        int keyIndex = matchingKey(jwt);
        checkIssuer(jwt);
        Instant expiresAt = checkTimes(jwt);
        if (url != null && !url.equals(jwt.getSubject())) {
            throw new QStashSignatureException(Reason.URL,
                    "Signature was issued for '" + jwt.getSubject() + "' but the request arrived on '" + url + "'");
        }
        Claim bodyClaim = jwt.getClaim("body");
        if (bodyClaim.isMissing() || bodyClaim.asString() == null || !BodyHash.matches(bodyClaim.asString(), body)) {
            throw new QStashSignatureException(Reason.BODY, "Body hash does not match the body received");
        }
        return new QStashSignatureClaims(jwt.getSubject(), jwt.getIssuedAtAsInstant(), expiresAt, jwt.getId(),
                keyIndex > 0);
    }

    private static DecodedJWT decode(String signature) {
        try {
            return JWT.decode(signature);
        }
        catch (JWTDecodeException ex) {
            throw new QStashSignatureException(Reason.MALFORMED, "Signature is not a well-formed JWT");
        }
    }

    private int matchingKey(DecodedJWT jwt) {
        for (int i = 0; i < this.keys.size(); i++) {
            try {
                this.keys.get(i).verify(jwt);
                return i;
            }
            catch (SignatureVerificationException ex) {
                // try the next key
            }
        }
        throw new QStashSignatureException(Reason.SIGNATURE,
                "Signature matches neither the current nor the next signing key");
    }

    private static void checkIssuer(DecodedJWT jwt) {
        if (!ISSUER.equals(jwt.getIssuer())) {
            throw new QStashSignatureException(Reason.ISSUER,
                    "Signature issuer must be '" + ISSUER + "' but was '" + jwt.getIssuer() + "'");
        }
    }

    private Instant checkTimes(DecodedJWT jwt) {
        Instant now = this.clock.instant();
        Instant expiresAt = safeInstant(jwt, "exp");
        if (expiresAt == null) {
            throw new QStashSignatureException(Reason.EXPIRED, "Signature has no exp claim");
        }
        if (now.isAfter(expiresAt.plus(this.clockTolerance))) {
            throw new QStashSignatureException(Reason.EXPIRED, "Signature expired at " + expiresAt);
        }
        Instant notBefore = safeInstant(jwt, "nbf");
        if (notBefore != null && now.plus(this.clockTolerance).isBefore(notBefore)) {
            throw new QStashSignatureException(Reason.NOT_YET_VALID, "Signature is not valid before " + notBefore);
        }
        return expiresAt;
    }

    private static @Nullable Instant safeInstant(DecodedJWT jwt, String name) {
        Claim claim = jwt.getClaim(name);
        if (claim.isMissing() || claim.isNull()) {
            return null;
        }
        Long seconds = claim.asLong();
        if (seconds == null) {
            throw new QStashSignatureException(Reason.MALFORMED, "Claim '" + name + "' is not a number");
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** Builds a {@link QStashSignatureVerifier}. */
    public static final class Builder {

        private @Nullable String currentSigningKey;

        private @Nullable String nextSigningKey;

        private Duration clockTolerance = Duration.ZERO;

        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The key QStash signs with now ({@code QSTASH_CURRENT_SIGNING_KEY}).
         * @param key the key
         * @return this builder
         */
        public Builder currentSigningKey(@Nullable String key) {
            this.currentSigningKey = key;
            return this;
        }

        /**
         * The key QStash will sign with after the next rotation
         * ({@code QSTASH_NEXT_SIGNING_KEY}).
         * @param key the key
         * @return this builder
         */
        public Builder nextSigningKey(@Nullable String key) {
            this.nextSigningKey = key;
            return this;
        }

        /**
         * How far {@code exp} and {@code nbf} may be off the local clock. Default zero.
         * @param tolerance the tolerance
         * @return this builder
         */
        public Builder clockTolerance(Duration tolerance) {
            this.clockTolerance = tolerance;
            return this;
        }

        /**
         * The clock to check {@code exp} and {@code nbf} against. Default: system UTC.
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Builds the verifier.
         * @return the verifier
         * @throws IllegalArgumentException if neither key is set
         */
        public QStashSignatureVerifier build() {
            return new QStashSignatureVerifier(this);
        }

    }

}
