/**
 * JMH micro-benchmarks (signature verification and signing on a 1 KiB body).
 */
@NullMarked
package io.github.qstashspring.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
