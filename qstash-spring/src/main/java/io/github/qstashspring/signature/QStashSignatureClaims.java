package io.github.qstashspring.signature;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The claims of a verified {@code Upstash-Signature}.
 *
 * @param subject the URL QStash sent the request to ({@code sub})
 * @param issuedAt when QStash signed the request ({@code iat}), if present
 * @param expiresAt when the signature stops being valid ({@code exp})
 * @param tokenId the unique token id ({@code jti}), if present
 * @param signedWithNextKey whether the token verified only with the next signing key, a
 * sign that QStash's keys were rotated and the application should update its current key
 */
public record QStashSignatureClaims(@Nullable String subject, @Nullable Instant issuedAt, Instant expiresAt,
        @Nullable String tokenId, boolean signedWithNextKey) {
}
