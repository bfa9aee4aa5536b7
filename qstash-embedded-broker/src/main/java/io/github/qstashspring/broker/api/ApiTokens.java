package io.github.qstashspring.broker.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The tokens the API accepts: the full token, and optionally a read-only token that may
 * only read ({@code GET}), and never the signing keys. Tokens are compared in constant
 * time and never echoed in an error.
 */
final class ApiTokens {

    private final byte[] token;

    private final byte @Nullable [] readOnlyToken;

    /**
     * Creates the accepted tokens.
     * @param token the full token
     * @param readOnlyToken the read-only token, or {@code null} (or blank) for none
     * @throws IllegalArgumentException when the full token is empty
     */
    ApiTokens(String token, @Nullable String readOnlyToken) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("qstash.embedded.token must not be empty");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.readOnlyToken = (readOnlyToken == null || readOnlyToken.isBlank()) ? null
                : readOnlyToken.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks a request's token ({@code Authorization: Bearer} or the {@code qstash_token}
     * query parameter) against what the request does.
     * @param request the request
     * @param query its query parameters
     * @param method its method, upper case
     * @param resource the first segment after {@code /v2/}, lower case
     * @return whether the request was made with the read-only token
     * @throws BrokerException 401 without a valid token, 403 when the read-only token
     * asks for more than reading
     */
    boolean check(HttpServletRequest request, QueryParameters query, String method, String resource) {
        String given = given(request, query);
        if (given == null || given.isEmpty()) {
            throw new BrokerException(401, "missing token: send Authorization: Bearer <QSTASH_TOKEN>");
        }
        byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(bytes, this.token)) {
            return false;
        }
        if (this.readOnlyToken == null || !MessageDigest.isEqual(bytes, this.readOnlyToken)) {
            throw new BrokerException(401, "invalid token");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new BrokerException(403, "read-only token: " + method + " needs the full token");
        }
        if (resource.equals("keys")) {
            throw new BrokerException(403, "read-only token: the signing keys need the full token");
        }
        return true;
    }

    private static @Nullable String given(HttpServletRequest request, QueryParameters query) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return query.first("qstash_token");
    }

}
