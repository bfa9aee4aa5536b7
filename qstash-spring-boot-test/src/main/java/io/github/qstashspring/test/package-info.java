/**
 * Test support for JUnit Jupiter {@code @SpringBootTest} classes:
 * {@link io.github.qstashspring.test.EmbeddedQStash} starts the embedded broker for the
 * test context and {@link io.github.qstashspring.test.QStashTestBroker} lets the test
 * wait for deliveries, read what listeners received and move the broker's clock.
 */
@NullMarked
package io.github.qstashspring.test;

import org.jspecify.annotations.NullMarked;
