package io.github.qstashspring.test;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.qstashspring.broker.QStashBrokerProperties;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.test.OrderTestApplication.Order;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two test classes with different configurations run at the same time (JUnit parallel
 * execution, see {@code junit-platform.properties}): each gets its own context and
 * broker, on its own ports and database, and each delivery reaches its own application
 * (the second one under a servlet context path). The two meet in the middle, so both
 * brokers are provably running at once (run the outer class: one nested class alone waits
 * for the other in vain).
 */
@SpringBootTest(classes = OrderTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedQStash
@Execution(ExecutionMode.CONCURRENT)
class ParallelContextsTests {

    private static final CountDownLatch BOTH_RUNNING = new CountDownLatch(2);

    private static final Map<String, String> BROKER_URLS = new ConcurrentHashMap<>();

    @AfterAll
    static void eachContextHadItsOwnBroker() {
        assertThat(BROKER_URLS).hasSize(2);
        assertThat(BROKER_URLS.get("first")).isNotEqualTo(BROKER_URLS.get("second"));
    }

    static void deliverWhileTheOtherRuns(String name, QStashOperations template, QStashTestBroker qstash)
            throws InterruptedException {
        BROKER_URLS.put(name, qstash.getBroker().getUrl());
        BOTH_RUNNING.countDown();
        assertThat(BOTH_RUNNING.await(120, TimeUnit.SECONDS)).as("the other class runs at the same time").isTrue();
        String messageId = template.publishJson(qstash.url("/qstash/orders"), new Order(name, 1)).messageId();
        ReceivedDelivery received = qstash.awaitReceived(messageId);
        assertThat(received.bodyAsString()).contains("\"id\":\"" + name + "\"");
        assertThat(received.path()).isEqualTo("/qstash/orders");
        assertThat(received.status()).isEqualTo(200);
        assertThat(received.header("Host")).isEqualTo(URI.create(qstash.url("/")).getAuthority());
        qstash.awaitDelivered(messageId);
    }

    @Nested
    @Execution(ExecutionMode.CONCURRENT)
    class First {

        @Autowired
        QStashOperations template;

        @Autowired
        QStashTestBroker qstash;

        @Test
        void deliversToItsOwnApplication() throws InterruptedException {
            deliverWhileTheOtherRuns("first", this.template, this.qstash);
        }

    }

    @Nested
    @Execution(ExecutionMode.CONCURRENT)
    @TestPropertySource(properties = { "server.servlet.context-path=/shop",
            "qstash.embedded.database.url=jdbc:h2:mem:parallel-second;DB_CLOSE_DELAY=-1" })
    class Second {

        @Autowired
        QStashOperations template;

        @Autowired
        QStashTestBroker qstash;

        @Test
        void deliversToItsOwnApplication() throws InterruptedException {
            assertThat(this.qstash.url("/qstash/orders")).endsWith("/shop/qstash/orders");
            // The test's own properties win over the ones @EmbeddedQStash adds.
            assertThat(this.qstash.getBroker()
                .getApplicationContext()
                .getBean(QStashBrokerProperties.class)
                .getDatabase()
                .getUrl()).isEqualTo("jdbc:h2:mem:parallel-second;DB_CLOSE_DELAY=-1");
            deliverWhileTheOtherRuns("second", this.template, this.qstash);
        }

    }

}
