/**
 * Ahead-of-time support: the runtime hints that let an application using the library run
 * in Spring's AOT mode and as a GraalVM native image.
 */
@NullMarked
package io.github.qstashspring.aot;

import org.jspecify.annotations.NullMarked;
