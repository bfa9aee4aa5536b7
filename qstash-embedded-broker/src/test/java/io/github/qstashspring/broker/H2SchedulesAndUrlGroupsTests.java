package io.github.qstashspring.broker;

import io.github.qstashspring.broker.support.TestDatabases;

/** {@link SchedulesAndUrlGroupsTests} on an H2 in-memory database. */
class H2SchedulesAndUrlGroupsTests extends SchedulesAndUrlGroupsTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.h2();
    }

}
