package io.github.qstashspring.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.github.qstashspring.benchmarks.receiver.ArrivalLog;
import io.github.qstashspring.benchmarks.receiver.ReceiverApplication;
import io.github.qstashspring.client.HttpTransport;
import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.QStashTemplate;
import io.github.qstashspring.signature.QStashSigner;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Per-request overheads measured one request at a time over loopback: a
 * {@code @QStashListener} request against a plain {@code @PostMapping} with the same
 * body, and a {@code QStashTemplate} publish against a bare call of the same HTTP client
 * to the same stub.
 */
public final class OverheadBenchmarks {

    private OverheadBenchmarks() {
    }

    /**
     * Two operations measured alternately (A, B, A, B) after a warm-up of both.
     *
     * @param a the mean microseconds of the first, on one thread
     * @param b the mean microseconds of the second
     * @param aRate calls/s of the first
     * @param bRate calls/s of the second
     * @param aCpu CPU microseconds of the whole process per call of the first (client and
     * server sides; unlike wall time, not inflated by waiting for a core on a shared
     * machine)
     * @param bCpu CPU microseconds of the whole process per call of the second
     */
    public record Pair(double a, double b, double aRate, double bRate, double aCpu, double bCpu) {

        /**
         * @return a / b
         */
        public double ratio() {
            return this.a / this.b;
        }
    }

    /**
     * The listener overhead: signed requests to the no-op listener vs the plain mapping.
     * @param receiver the receiving application
     * @param signingKey the key the receiver verifies with
     * @param duration each measured phase
     * @return listener (a) vs plain (b)
     * @throws Exception on a failure
     */
    public static Pair listener(ReceiverApplication receiver, String signingKey, Duration duration) throws Exception {
        byte[] body = ArrivalLog.body(1, 1024);
        try (CloseableHttpClient client = LoopbackHttp.client(2)) {
            ClosedLoop.Operation listener = (t) -> post(client, receiver.listenerUrl(), body,
                    Map.of("Upstash-Signature", new QStashSigner(signingKey).sign(receiver.listenerUrl(), body)));
            String signature = new QStashSigner(signingKey).sign(receiver.listenerUrl(), body);
            ClosedLoop.Operation listenerPreSigned = (t) -> post(client, receiver.listenerUrl(), body,
                    Map.of("Upstash-Signature", signature));
            ClosedLoop.Operation plain = (t) -> post(client, receiver.plainUrl(), body, Map.of());
            ClosedLoop.run(1, warmUp(duration), listener);
            ClosedLoop.run(1, warmUp(duration), plain);
            return alternate(listenerPreSigned, plain, duration);
        }
    }

    /**
     * The client overhead on each transport.
     *
     * @param httpComponents the default transport (HttpClient 5 on this class path):
     * template (a) vs a bare HttpClient 5 call (b)
     * @param jdk the JDK transport: template (a) vs a bare JDK {@code HttpClient} call
     * (b)
     */
    public record TemplateOverheads(Pair httpComponents, Pair jdk) {
    }

    /**
     * The client overhead: {@code QStashTemplate.publish} vs a bare call of the same HTTP
     * client to the same stub answering {@code 201 {"messageId":...}}, once with the
     * template's default transport (Apache HttpClient 5, on the class path here) and once
     * with the JDK transport.
     * @param duration each measured phase
     * @return both pairs
     * @throws Exception on a failure
     */
    public static TemplateOverheads template(Duration duration) throws Exception {
        byte[] body = ArrivalLog.body(1, 1024);
        String destination = "http://127.0.0.1:9/orders";
        try (LoopbackHttp.StubServer stub = LoopbackHttp.stub(201, "{\"messageId\":\"msg_benchmark\"}", 4);
                CloseableHttpClient httpComponents = LoopbackHttp.client(2)) {
            String url = stub.baseUrl() + "/v2/publish/" + destination;
            QStashTemplate.Builder builder = QStashTemplate.builder().url(stub.baseUrl()).token("benchmark-token");
            QStashTemplate viaDefault = builder.build();
            QStashTemplate viaJdk = builder.httpTransport(HttpTransport.JDK).build();
            HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create(url);
            ClosedLoop.Operation bareJdk = (t) -> {
                HttpResponse<byte[]> response = jdk.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer benchmark-token")
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("stub answered " + response.statusCode());
                }
            };
            Pair onHttpComponents = pair((t) -> viaDefault.publish(PublishRequest.to(destination).body(body)),
                    (t) -> post(httpComponents, url, body, Map.of("Authorization", "Bearer benchmark-token")),
                    duration);
            Pair onJdk = pair((t) -> viaJdk.publish(PublishRequest.to(destination).body(body)), bareJdk, duration);
            return new TemplateOverheads(onHttpComponents, onJdk);
        }
    }

    /**
     * JIT compilation must be over before measuring: it would count as process CPU time.
     */
    private static Duration warmUp(Duration duration) {
        return duration.multipliedBy(2);
    }

    /** Both operations warmed up, then measured alternately. */
    private static Pair pair(ClosedLoop.Operation a, ClosedLoop.Operation b, Duration duration)
            throws InterruptedException {
        ClosedLoop.run(1, warmUp(duration), a);
        ClosedLoop.run(1, warmUp(duration), b);
        return alternate(a, b, duration);
    }

    private static Pair alternate(ClosedLoop.Operation a, ClosedLoop.Operation b, Duration duration)
            throws InterruptedException {
        Duration half = duration.dividedBy(2);
        long[] cpu = new long[2];
        long start = processCpuNanos();
        ClosedLoop.Result a1 = ClosedLoop.run(1, half, a);
        long afterA1 = processCpuNanos();
        ClosedLoop.Result b1 = ClosedLoop.run(1, half, b);
        long afterB1 = processCpuNanos();
        ClosedLoop.Result a2 = ClosedLoop.run(1, half, a);
        long afterA2 = processCpuNanos();
        ClosedLoop.Result b2 = ClosedLoop.run(1, half, b);
        long afterB2 = processCpuNanos();
        cpu[0] = (afterA1 - start) + (afterA2 - afterB1);
        cpu[1] = (afterB1 - afterA1) + (afterB2 - afterA2);
        failOnErrors(a1, a2, b1, b2);
        double aNanos = a1.nanos() + a2.nanos();
        double bNanos = b1.nanos() + b2.nanos();
        long aOps = a1.operations() + a2.operations();
        long bOps = b1.operations() + b2.operations();
        return new Pair(aNanos / 1000 / aOps, bNanos / 1000 / bOps, aOps * 1e9 / aNanos, bOps * 1e9 / bNanos,
                cpu[0] / 1000.0 / aOps, cpu[1] / 1000.0 / bOps);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
            .getOperatingSystemMXBean();
        return (os instanceof com.sun.management.OperatingSystemMXBean sun) ? sun.getProcessCpuTime() : 0;
    }

    private static void failOnErrors(ClosedLoop.Result... results) {
        for (ClosedLoop.Result result : results) {
            if (result.errors() > 0) {
                throw new IllegalStateException(result.errors() + " calls failed, first: " + result.firstError());
            }
        }
    }

    private static void post(CloseableHttpClient client, String url, byte[] body, Map<String, String> headers)
            throws Exception {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
        client.execute(post, (response) -> {
            EntityUtils.consume(response.getEntity());
            if (response.getCode() / 100 != 2) {
                throw new IllegalStateException(url + " answered " + response.getCode());
            }
            return null;
        });
    }

}
