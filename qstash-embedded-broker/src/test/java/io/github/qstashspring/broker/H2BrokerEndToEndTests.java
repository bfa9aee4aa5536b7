package io.github.qstashspring.broker;

import io.github.qstashspring.broker.support.TestDatabases;

/** {@link BrokerEndToEndTests} on an H2 in-memory database. */
class H2BrokerEndToEndTests extends BrokerEndToEndTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.h2();
    }
}
