package io.github.qstashspring.broker;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.qstashspring.broker.FuzzRequests.Request;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.support.RawHttp;
import io.github.qstashspring.broker.support.TestBrokers;
import io.github.qstashspring.broker.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property-based fuzz of every route of the API against a running broker, over a socket
 * byte for byte: random methods, paths (the route table's names plus junk), query
 * parameters, headers and bodies never get a 5xx, and every error is QStash's
 * {@code {"error":"..."}}; well-formed publishes, enqueues, schedules, batches and URL
 * groups are accepted within the limits, and refused with one value past a limit.
 * <p>
 * Each run draws a new seed, printed first and named by every failure; run again with
 * {@code -Dqstash.fuzz.seed=<seed>} to repeat a run, {@code -Dqstash.fuzz.tries=<n>} for
 * more requests. The default number of tries keeps the test to a few seconds.
 */
class ApiFuzzTests {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    @Test
    void noRequestBreaksTheApiAndNothingPastALimitIsAccepted() throws Exception {
        long seed = Long.getLong("qstash.fuzz.seed", new Random().nextLong());
        int tries = Integer.getInteger("qstash.fuzz.tries", 400);
        System.out.println("ApiFuzzTests: -Dqstash.fuzz.seed=" + seed);
        // The clock stands still: no delayed message, retry or cron tick comes due.
        EmbeddedQStashBroker broker = this.brokers.start(TestDatabases.h2(), new MutableClock(NOW, ZoneOffset.UTC),
                (properties) -> {
                    properties.getLimits().setMaxBatchMessages(FuzzRequests.MAX_BATCH_MESSAGES);
                    properties.getLimits().setMaxUrlGroupEndpoints(FuzzRequests.MAX_URL_GROUP_ENDPOINTS);
                });
        List<String> routes = broker.getApplicationContext()
            .getBeansOfType(ApiResource.class)
            .values()
            .stream()
            .flatMap((resource) -> resource.names().stream())
            .sorted()
            .toList();
        assertThat(routes).contains("publish", "enqueue", "batch", "schedules", "topics", "queues", "flowcontrol",
                "messages", "dlq", "logs", "keys");
        FuzzRequests requests = new FuzzRequests(new Random(seed), routes, NOW);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < tries; i++) {
            Request request = switch (i % 3) {
                case 0 -> requests.chaos();
                case 1 -> requests.wellFormed(false);
                default -> requests.wellFormed(true);
            };
            RawHttp.Response response = send(broker, request);
            String what = "seed " + seed + ", try " + i + ":\n" + request + "\n-> " + response.status() + " "
                    + response.body();
            assertThat(response.status()).as(what).isLessThan(500);
            // The dashboard answers its paths (those Tomcat normalises too), in its own
            // way.
            boolean api = !request.path().startsWith("/dashboard/");
            if (api && response.status() >= 400 && !request.method().equals("HEAD")) {
                assertThat(response.header("Content-Type")).as(what).startsWith("application/json");
                JsonNode error = JSON.readTree(response.body());
                assertThat(error.isObject() && error.size() == 1 && error.get("error").isString()).as(what).isTrue();
            }
            if (i % 3 == 1) {
                assertThat(response.status()).as(what).isBetween(200, 299);
                accepted++;
            }
            else if (i % 3 == 2) {
                assertThat(response.status()).as(what).isIn(400, 412, 413);
                if (request.pastALimit().startsWith("Upstash-")) {
                    assertThat(JSON.readTree(response.body()).get("error").asString()).as(what)
                        .contains(request.pastALimit());
                }
                refused++;
            }
        }
        // The property ran: as many requests within and past the limits as asked for.
        assertThat(accepted + refused).isEqualTo(tries / 3 + (tries + 1) / 3);
    }

    private static RawHttp.Response send(EmbeddedQStashBroker broker, Request request) throws IOException {
        List<String> headers = new ArrayList<>();
        headers.add("Authorization: Bearer " + broker.getToken());
        request.headers().forEach((name, value) -> headers.add(name + ": " + value));
        return RawHttp.request(broker.getPort(), request.method(), request.path(), request.body(),
                headers.toArray(String[]::new));
    }

}
