/**
 * The benchmark harness: one command runs every measurement beside its physical reference
 * and prints a table (see {@code docs/benchmarks.md}).
 */
@NullMarked
package io.github.qstashspring.benchmarks;

import org.jspecify.annotations.NullMarked;
