package io.github.qstashspring.benchmarks;

import java.io.IOException;

import io.github.qstashspring.benchmarks.receiver.ArrivalLog;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Publishes benchmark messages through the broker's HTTP API:
 * {@code POST /v2/publish/<destination>} with the bearer token and a
 * {@value #BODY_SIZE}-byte body carrying the message's benchmark id.
 */
public final class BrokerPublisher implements AutoCloseable {

    /** Size of every benchmark body. */
    public static final int BODY_SIZE = 1024;

    private final CloseableHttpClient client;

    private final String publishUrl;

    private final String authorization;

    /**
     * Creates a publisher.
     * @param brokerUrl the broker's base URL
     * @param token the broker's token
     * @param destination where the messages go
     * @param concurrency the largest number of concurrent publishes
     */
    public BrokerPublisher(String brokerUrl, String token, String destination, int concurrency) {
        this.client = LoopbackHttp.client(concurrency);
        this.publishUrl = brokerUrl + "/v2/publish/" + destination;
        this.authorization = "Bearer " + token;
    }

    /**
     * Publishes one message and waits for the broker's answer (sent after the commit).
     * @param id the benchmark id written into the body
     * @throws IOException on a network failure or a non-2xx answer
     */
    public void publish(long id) throws IOException {
        HttpPost post = new HttpPost(this.publishUrl);
        post.setHeader("Authorization", this.authorization);
        post.setEntity(new ByteArrayEntity(ArrivalLog.body(id, BODY_SIZE), ContentType.APPLICATION_OCTET_STREAM));
        this.client.execute(post, (response) -> {
            String answer = EntityUtils.toString(response.getEntity());
            if (response.getCode() / 100 != 2) {
                throw new IOException("publish answered " + response.getCode() + ": " + answer);
            }
            return answer;
        });
    }

    @Override
    public void close() throws IOException {
        this.client.close();
    }

}
