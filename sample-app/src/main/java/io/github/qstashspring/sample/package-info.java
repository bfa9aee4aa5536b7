/** The sample application. */
@NullMarked
package io.github.qstashspring.sample;

import org.jspecify.annotations.NullMarked;
