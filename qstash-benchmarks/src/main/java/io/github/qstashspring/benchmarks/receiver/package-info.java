/**
 * The receiving application of the benchmarks: a Spring Boot web application with
 * {@code @QStashListener} methods (signatures verified) and plain {@code @PostMapping}
 * twins.
 */
@NullMarked
package io.github.qstashspring.benchmarks.receiver;

import org.jspecify.annotations.NullMarked;
