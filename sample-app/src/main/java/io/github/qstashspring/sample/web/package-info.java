/** The REST API customers call. */
@NullMarked
package io.github.qstashspring.sample.web;

import org.jspecify.annotations.NullMarked;
