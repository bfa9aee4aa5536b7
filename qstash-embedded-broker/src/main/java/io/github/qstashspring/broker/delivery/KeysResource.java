package io.github.qstashspring.broker.delivery;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;

/**
 * {@code GET /v2/keys} and {@code POST /v2/keys/rotate} (also {@code POST /v2/rotate}):
 * the signing keys deliveries are signed with.
 */
final class KeysResource implements ApiResource {

    private final SigningKeys signingKeys;

    KeysResource(SigningKeys signingKeys) {
        this.signingKeys = signingKeys;
    }

    @Override
    public List<String> names() {
        return List.of("keys", "rotate");
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        if (exchange.segment(1).equals("rotate")) {
            rotate(exchange);
        }
        else if (exchange.segments() == 2) {
            exchange.requireMethod("GET");
            respond(exchange);
        }
        else if (exchange.segments() == 3 && exchange.segment(2).equals("rotate")) {
            rotate(exchange);
        }
        else {
            throw exchange.notFound();
        }
    }

    private void rotate(ApiExchange exchange) throws IOException {
        exchange.requireMethod("POST");
        this.signingKeys.rotate();
        respond(exchange);
    }

    private void respond(ApiExchange exchange) throws IOException {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("current", this.signingKeys.current());
        keys.put("next", this.signingKeys.next());
        exchange.respond(200, keys);
    }

}
