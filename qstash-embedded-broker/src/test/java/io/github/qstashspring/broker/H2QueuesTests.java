package io.github.qstashspring.broker;

import io.github.qstashspring.broker.support.TestDatabases;

/** {@link QueuesTests} on an H2 in-memory database. */
class H2QueuesTests extends QueuesTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.h2();
    }

}
