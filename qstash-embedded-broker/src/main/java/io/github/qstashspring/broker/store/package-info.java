/**
 * The broker's database: JPA entities, Spring Data repositories, the claim statements of
 * the dispatcher and the broker's own DataSource, JPA and Flyway wiring.
 */
@NullMarked
package io.github.qstashspring.broker.store;

import org.jspecify.annotations.NullMarked;
