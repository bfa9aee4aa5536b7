package io.github.qstashspring.broker;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BrokerEndToEndTests} on an H2 in-memory database, plus what is particular to H2.
 */
class H2BrokerEndToEndTests extends BrokerEndToEndTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.h2();
    }

    @Test
    void secondBrokerOnTheSameH2DatabaseDoesNotStealRunningDeliveries() {
        CountDownLatch release = new CountDownLatch(1);
        this.receiver.hold("/held", release);
        String id = publish("/held", Map.of(), "once");
        awaitReceived("/held", 1);
        try (EmbeddedQStashBroker second = startBroker(this.database)) {
            assertThat(new BrokerClient(second.getUrl(), second.getToken()).get("/v2/messages/" + id).status())
                .isEqualTo(200);
            release.countDown();
            awaitState(id, "DELIVERED");
        }
        assertThat(states(id)).containsExactly("CREATED", "ACTIVE", "DELIVERED");
        assertThat(this.receiver.received("/held")).hasSize(1);
    }

}
