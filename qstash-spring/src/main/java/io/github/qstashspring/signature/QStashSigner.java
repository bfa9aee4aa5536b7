package io.github.qstashspring.signature;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

/**
 * Creates {@code Upstash-Signature} tokens exactly as QStash does: HS256 keyed with the
 * UTF-8 bytes of the signing key, claims {@code iss=Upstash}, {@code sub} (target URL),
 * {@code iat}, {@code exp = iat + 300 s}, {@code nbf = 0}, a random {@code jti} and
 * {@code body} (unpadded base64url SHA-256 of the body). Used by the embedded broker for
 * deliveries and by tests that send signed requests to a listener. Thread-safe.
 */
public final class QStashSigner {

    /** How long a signature stays valid, as QStash issues it. */
    public static final long LIFETIME_SECONDS = 300;

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Algorithm algorithm;

    private final Clock clock;

    /**
     * Creates a signer for the given key that reads time from the system clock.
     * @param signingKey the key, e.g. {@code sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r}
     */
    public QStashSigner(String signingKey) {
        this(signingKey, Clock.systemUTC());
    }

    /**
     * Creates a signer for the given key and clock.
     * @param signingKey the key, e.g. {@code sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r}
     * @param clock the source of {@code iat} and {@code exp}
     */
    public QStashSigner(String signingKey, Clock clock) {
        Objects.requireNonNull(signingKey, "signingKey");
        this.algorithm = Algorithm.HMAC256(signingKey);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs a request about to be sent to {@code url} with {@code body}.
     * @param url the exact URL the request goes to (the {@code sub} claim)
     * @param body the raw body bytes (empty for none)
     * @return the compact JWT for the {@code Upstash-Signature} header
     */
    public String sign(String url, byte[] body) {
        Instant now = Instant.ofEpochSecond(this.clock.instant().getEpochSecond());
        return JWT.create()
            .withIssuer("Upstash")
            .withSubject(url)
            .withIssuedAt(now)
            .withExpiresAt(now.plusSeconds(LIFETIME_SECONDS))
            .withNotBefore(Instant.EPOCH)
            .withJWTId(newTokenId())
            .withClaim("body", BodyHash.of(body))
            .sign(this.algorithm);
    }

    private static String newTokenId() {
        StringBuilder id = new StringBuilder("jwt_");
        for (int i = 0; i < 28; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

}
