package io.github.qstashspring.listener;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.github.qstashspring.signature.QStashSigner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries from two QStash regions over real HTTP: the {@code Upstash-Region} header
 * picks the keys of {@code qstash.regions}, a request without it (or naming a region not
 * configured) is verified with the default keys, and a region's request never verifies
 * with another region's keys.
 */
@ListenerIntegrationTest
class ListenerMultiRegionTests extends ListenerIntegrationTestSupport {

    private static final byte[] ORDER = Deliveries.utf8("{\"id\":\"7\",\"quantity\":2}");

    @Test
    void deliveryFromAConfiguredRegionIsVerifiedWithThatRegionsKeys() throws Exception {
        Transport.Reply reply = send("US-EAST-1", ListenerTestApplication.US_CURRENT_KEY);

        assertThat(reply.status()).isEqualTo(200);
        QStashMessage<?> message = (QStashMessage<?>) this.invocations.of("message").get(0);
        assertThat(message.region()).isEqualTo("US-EAST-1");
    }

    @Test
    void regionNameIsMatchedWhateverItsCaseAndSeparator() throws Exception {
        assertThat(send("us_east_1", ListenerTestApplication.US_CURRENT_KEY).status()).isEqualTo(200);
        assertThat(send("us-east-1", ListenerTestApplication.US_NEXT_KEY).status()).isEqualTo(200);
    }

    @Test
    void deliveryNamingARegionIsNotVerifiedWithTheDefaultKeys() throws Exception {
        Transport.Reply reply = send("US-EAST-1", ListenerTestApplication.CURRENT_KEY);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(this.invocations.of("message")).isEmpty();
    }

    @Test
    void deliveryWithoutRegionIsNotVerifiedWithARegionsKeys() throws Exception {
        assertThat(send(null, ListenerTestApplication.US_CURRENT_KEY).status()).isEqualTo(401);
        assertThat(send(null, ListenerTestApplication.CURRENT_KEY).status()).isEqualTo(200);
    }

    @Test
    void deliveryFromARegionNotConfiguredIsVerifiedWithTheDefaultKeys() throws Exception {
        assertThat(send("EU-CENTRAL-1", ListenerTestApplication.CURRENT_KEY).status()).isEqualTo(200);
        assertThat(send("EU-CENTRAL-1", ListenerTestApplication.US_CURRENT_KEY).status()).isEqualTo(401);
    }

    private Transport.Reply send(@Nullable String region, String signingKey) throws Exception {
        Transport.Targets targets = targets();
        String url = Transport.HTTP.baseUrl(targets) + "/hooks/message";
        Map<String, String> headers = Deliveries.headers(new QStashSigner(signingKey).sign(url, ORDER),
                "application/json", Deliveries.newMessageId(), 0);
        if (region != null) {
            headers.put("Upstash-Region", region);
        }
        return Transport.HTTP.post(targets, "/hooks/message", ORDER, headers);
    }

}
