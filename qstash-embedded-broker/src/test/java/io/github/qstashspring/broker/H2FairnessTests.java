package io.github.qstashspring.broker;

import io.github.qstashspring.broker.support.TestDatabases;

/** {@link FairnessTests} on an H2 in-memory database. */
class H2FairnessTests extends FairnessTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.h2();
    }

}
