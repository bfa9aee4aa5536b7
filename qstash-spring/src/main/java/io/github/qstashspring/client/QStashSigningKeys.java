package io.github.qstashspring.client;

import org.springframework.http.HttpMethod;

/**
 * The keys QStash signs deliveries with. Obtained from
 * {@link QStashOperations#signingKeys()}.
 */
public final class QStashSigningKeys {

    private final QStashHttp http;

    QStashSigningKeys(QStashHttp http) {
        this.http = http;
    }

    /**
     * Reads the keys: {@code GET /v2/keys}.
     * @return the current and next key
     */
    public SigningKeys get() {
        return this.http.read(ApiRequest.of("signingKeys.get", HttpMethod.GET, "/v2/keys"), SigningKeys.class);
    }

    /**
     * Rotates the keys: {@code POST /v2/keys/rotate}; the next key becomes current and a
     * new next key is generated. Update the receivers' keys before rotating again.
     * @return the new pair
     */
    public SigningKeys rotate() {
        return this.http.read(ApiRequest.of("signingKeys.rotate", HttpMethod.POST, "/v2/keys/rotate"),
                SigningKeys.class);
    }

}
