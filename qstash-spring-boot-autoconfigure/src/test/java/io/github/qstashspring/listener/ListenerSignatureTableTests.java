package io.github.qstashspring.listener;

import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.qstashspring.signature.QStashSigner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged and valid deliveries sent over real HTTP to a listener that receives
 * {@code byte[]}: every forged one is answered 401 and the method does not run; every
 * valid one runs with exactly the bytes sent.
 */
@ListenerIntegrationTest
class ListenerSignatureTableTests extends ListenerIntegrationTestSupport {

    private static final String PATH = "/hooks/raw";

    private static final byte[] JSON = Deliveries.utf8("{\"order\":\"7\",\"note\":\"caf\u00e9 \u2615\"}");

    private static final byte[] FORM = Deliveries.utf8("a=1&b=%C3%A9+x&b=2&c=");

    private static final byte[] BINARY = { 0, 1, (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, 10, 13, 0, 127,
            (byte) 0x80 };

    static Stream<Case> cases() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var rsa = generator.generateKeyPair();
        Algorithm rs256 = Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate());
        Algorithm current = Algorithm.HMAC256(ListenerTestApplication.CURRENT_KEY);
        return Stream.of(
                valid("valid current key", JSON, "application/json",
                        (url) -> new QStashSigner(ListenerTestApplication.CURRENT_KEY).sign(url, JSON)),
                valid("valid next key", JSON, "application/json",
                        (url) -> new QStashSigner(ListenerTestApplication.NEXT_KEY).sign(url, JSON)),
                valid("body hash unpadded", JSON, "application/json",
                        (url) -> claims(url, JSON).withClaim("body", hash(JSON, false)).sign(current)),
                valid("body hash padded", JSON, "application/json",
                        (url) -> claims(url, JSON).withClaim("body", hash(JSON, true)).sign(current)),
                valid("empty body", new byte[0], "text/plain",
                        (url) -> new QStashSigner(ListenerTestApplication.CURRENT_KEY).sign(url, new byte[0])),
                valid("form-encoded body verified byte-exactly", FORM, "application/x-www-form-urlencoded",
                        (url) -> new QStashSigner(ListenerTestApplication.CURRENT_KEY).sign(url, FORM)),
                valid("binary body verified byte-exactly", BINARY, "application/octet-stream",
                        (url) -> new QStashSigner(ListenerTestApplication.CURRENT_KEY).sign(url, BINARY)),
                forged("wrong key", JSON,
                        (url) -> new QStashSigner("sig_3nbHkQXCFoMuWKpCPVgMzqw4Hfb2").sign(url, JSON)),
                forged("expired beyond tolerance", JSON,
                        (url) -> claims(url, JSON).withIssuedAt(Instant.now().minusSeconds(400))
                            .withExpiresAt(Instant.now().minusSeconds(100))
                            .sign(current)),
                forged("not yet valid", JSON,
                        (url) -> claims(url, JSON).withNotBefore(Instant.now().plusSeconds(600))
                            .withExpiresAt(Instant.now().plusSeconds(900))
                            .sign(current)),
                forged("iss wrong", JSON, (url) -> claims(url, JSON).withIssuer("Upstosh").sign(current)),
                forged("alg none", JSON, (url) -> claims(url, JSON).sign(Algorithm.none())),
                forged("alg HS512 with the right key", JSON,
                        (url) -> claims(url, JSON).sign(Algorithm.HMAC512(ListenerTestApplication.CURRENT_KEY))),
                forged("alg RS256", JSON, (url) -> claims(url, JSON).sign(rs256)),
                forged("body claim missing", JSON,
                        (url) -> JWT.create()
                            .withIssuer("Upstash")
                            .withSubject(url)
                            .withExpiresAt(Instant.now().plusSeconds(300))
                            .sign(current)),
                forged("sub for another URL", JSON,
                        (url) -> new QStashSigner(ListenerTestApplication.CURRENT_KEY)
                            .sign(url.replace("/raw", "/text"), JSON)),
                forged("malformed token", JSON, (url) -> "not.a-jwt"),
                forged("garbage three segments", JSON, (url) -> "eyJhbGciOiJIUzI1NiJ9.!!!.???"),
                new Case("header missing", JSON, JSON, "application/json", (url) -> null, 401),
                new Case("body altered by one byte", JSON, altered(JSON), "application/json",
                        (url) -> new QStashSigner(ListenerTestApplication.CURRENT_KEY).sign(url, JSON), 401),
                new Case("form body altered by one byte", FORM, altered(FORM), "application/x-www-form-urlencoded",
                        (url) -> new QStashSigner(ListenerTestApplication.CURRENT_KEY).sign(url, FORM), 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAndRunsOnlyWhenTheSignatureIsValid(Case testCase) throws Exception {
        Transport.Targets targets = targets();
        String url = Transport.HTTP.baseUrl(targets) + PATH;
        String signature = testCase.signature().apply(url);
        Map<String, String> headers = Deliveries.headers("unused", testCase.contentType(), Deliveries.newMessageId(),
                0);
        if (signature == null) {
            headers.remove("Upstash-Signature");
        }
        else {
            headers.put("Upstash-Signature", signature);
        }

        Transport.Reply reply = Transport.HTTP.post(targets, PATH, testCase.sent(), headers);

        assertThat(reply.status()).isEqualTo(testCase.expectedStatus());
        if (testCase.expectedStatus() == 200) {
            assertThat(this.invocations.of("raw")).singleElement().isEqualTo(testCase.sent());
        }
        else {
            assertThat(reply.text()).startsWith("{\"error\":\"Invalid Upstash-Signature");
            assertThat(this.invocations.of("raw")).isEmpty();
        }
    }

    private static Case valid(String name, byte[] body, String contentType, Function<String, String> signature) {
        return new Case(name, body, body, contentType, signature, 200);
    }

    private static Case forged(String name, byte[] body, Function<String, String> signature) {
        return new Case(name, body, body, "application/json", signature, 401);
    }

    private static JWTCreator.Builder claims(String url, byte[] body) {
        Instant now = Instant.now();
        return JWT.create()
            .withIssuer("Upstash")
            .withSubject(url)
            .withIssuedAt(now)
            .withNotBefore(Instant.EPOCH)
            .withExpiresAt(now.plusSeconds(300))
            .withJWTId("jwt_test")
            .withClaim("body", hash(body, false));
    }

    private static String hash(byte[] body, boolean padded) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            Base64.Encoder encoder = padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
            String value = encoder.encodeToString(digest);
            assertThat(value.endsWith("=")).isEqualTo(padded);
            return value;
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] altered(byte[] body) {
        byte[] copy = body.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    /** One row of the table. */
    record Case(String name, byte[] signed, byte[] sent, String contentType, Function<String, String> signature,
            int expectedStatus) {

        @Override
        public String toString() {
            return this.name;
        }
    }

}
