package io.github.qstashspring.broker;

import io.github.qstashspring.broker.support.TestDatabases;

/** {@link BrokerStatusTests} on an H2 in-memory database. */
class H2BrokerStatusTests extends BrokerStatusTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.h2();
    }

}
