package io.github.qstashspring.listener;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the {@link ListenerIntegrationTest} classes share: both ways into the application
 * (MockMvc and the real server) and what the listeners received, cleared before each
 * test.
 */
abstract class ListenerIntegrationTestSupport {

    @Autowired
    protected MockMvc mockMvc;

    @LocalServerPort
    protected int port;

    @Autowired
    protected Invocations invocations;

    @BeforeEach
    void clearInvocations() {
        this.invocations.clear();
    }

    /**
     * @return MockMvc and the real server, for {@link Transport}
     */
    protected Transport.Targets targets() {
        return new Transport.Targets(this.mockMvc, this.port);
    }

}
