package io.github.qstashspring.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.qstashspring.benchmarks.receiver.ArrivalLog;
import io.github.qstashspring.benchmarks.receiver.ReceiverApplication;
import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.QStashTemplate;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Diagnosis of publish-to-delivery latency on an idle broker by the way a message is
 * published: a bare HTTP publish, a {@code QStashTemplate} publish (the path of an
 * application), with a deduplication id, to a FIFO queue ({@code /v2/enqueue}), and with
 * a flow-control key. A path that waits for the dispatcher's poll (1 s) instead of the
 * in-memory hand-off shows here.
 */
public final class PublishPathLatency {

    private final ReceiverApplication receiver;

    private final AtomicLong ids = new AtomicLong(1_000_000_000L);

    /**
     * Creates the diagnosis.
     * @param receiver the receiving application
     */
    public PublishPathLatency(ReceiverApplication receiver) {
        this.receiver = receiver;
    }

    /**
     * The latencies of one way of publishing.
     *
     * @param path how messages were published
     * @param latencies publish-to-delivery
     * @param timeouts samples not delivered within 5 s
     */
    public record PathResult(String path, Latencies latencies, int timeouts) {
    }

    /** One publish of a benchmark body. */
    @FunctionalInterface
    private interface Publish {

        void publish(byte[] body, long id) throws Exception;

    }

    /**
     * Measures each path on a fresh broker over the database.
     * @param database the database
     * @param samples samples per path
     * @param budget the most time per path
     * @return one result per path
     * @throws Exception on a failure
     */
    public List<PathResult> run(BenchDatabase database, int samples, Duration budget) throws Exception {
        List<PathResult> results = new ArrayList<>();
        try (EmbeddedQStashBroker broker = EmbeddedQStashBroker.builder()
            .properties(BenchBrokers.properties())
            .databaseUrl(database.url())
            .start(); CloseableHttpClient client = LoopbackHttp.client(2)) {
            String destination = this.receiver.deliveryUrl();
            QStashTemplate template = QStashTemplate.builder().url(broker.getUrl()).token(broker.getToken()).build();
            String base = broker.getUrl() + "/v2/";
            String token = broker.getToken();
            Publish http = (body, id) -> post(client, base + "publish/" + destination, token, body, Map.of());
            results.add(measure("HTTP publish (HttpClient 5)", http, samples, budget));
            results.add(measure("QStashTemplate.publish",
                    (body, id) -> template.publish(PublishRequest.to(destination).body(body)), samples, budget));
            results.add(measure("HTTP publish with Upstash-Deduplication-Id", (body, id) -> post(client,
                    base + "publish/" + destination, token, body, Map.of("Upstash-Deduplication-Id", "bench-" + id)),
                    samples, budget));
            results.add(measure("HTTP enqueue to a FIFO queue",
                    (body, id) -> post(client, base + "enqueue/bench-queue/" + destination, token, body, Map.of()),
                    samples, budget));
            results
                .add(measure(
                        "HTTP publish with a flow-control key", (body, id) -> post(client,
                                base + "publish/" + destination, token, body, Map.of("Upstash-Flow-Control-Key",
                                        "bench", "Upstash-Flow-Control-Value", "rate=1000,parallelism=10")),
                        samples, budget));
        }
        return results;
    }

    private PathResult measure(String path, Publish publish, int samples, Duration budget) throws Exception {
        ArrivalLog arrivals = this.receiver.arrivals();
        Latencies latencies = new Latencies();
        int timeouts = 0;
        long end = System.nanoTime() + budget.toNanos();
        // Two unmeasured messages warm the path up.
        for (int i = -2; i < samples && System.nanoTime() - end < 0; i++) {
            long id = this.ids.incrementAndGet();
            CompletableFuture<Long> arrival = arrivals.arrival(id);
            long sent = System.nanoTime();
            publish.publish(ArrivalLog.body(id, BrokerPublisher.BODY_SIZE), id);
            try {
                long arrived = arrival.get(5, TimeUnit.SECONDS);
                if (i >= 0) {
                    latencies.recordNanos(arrived - sent);
                }
            }
            catch (TimeoutException ex) {
                timeouts++;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return new PathResult(path, latencies, timeouts);
    }

    private static void post(CloseableHttpClient client, String url, String token, byte[] body,
            Map<String, String> headers) throws Exception {
        HttpPost post = new HttpPost(url);
        post.setHeader("Authorization", "Bearer " + token);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
        client.execute(post, (response) -> {
            String answer = EntityUtils.toString(response.getEntity());
            if (response.getCode() / 100 != 2) {
                throw new IllegalStateException(url + " answered " + response.getCode() + ": " + answer);
            }
            return null;
        });
    }

}
