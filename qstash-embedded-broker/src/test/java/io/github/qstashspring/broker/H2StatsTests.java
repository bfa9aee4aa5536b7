package io.github.qstashspring.broker;

import io.github.qstashspring.broker.support.TestDatabases;

/** {@link StatsTests} on an H2 in-memory database. */
class H2StatsTests extends StatsTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.h2();
    }

}
