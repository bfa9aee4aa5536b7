package io.github.qstashspring.broker;

import io.github.qstashspring.broker.support.TestDatabases;

/** {@link ScheduleTimingTests} on an H2 in-memory database. */
class H2ScheduleTimingTests extends ScheduleTimingTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.h2();
    }

}
