/**
 * The reference web application of the standalone start measurement.
 */
@NullMarked
package io.github.qstashspring.benchmarks.reference;

import org.jspecify.annotations.NullMarked;
