package io.github.qstashspring.workflow;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The application the workflow endpoint tests run against (one cached context). */
@SpringBootConfiguration
@EnableAutoConfiguration
class WorkflowTestApplication {

    static final String CURRENT_KEY = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";

    static final String NEXT_KEY = "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs";

    /** The official local-development token: base64 of {"UserID":"defaultUser",...}. */
    static final String TOKEN = "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=";

    @Bean
    Journal journal() {
        return new Journal();
    }

    @Bean
    TestWorkflows testWorkflows(Journal journal) {
        return new TestWorkflows(journal);
    }

}
