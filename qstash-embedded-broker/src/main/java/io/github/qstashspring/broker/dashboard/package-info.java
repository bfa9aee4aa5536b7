/**
 * The broker's web dashboard: static files under {@code /dashboard/} that call the
 * {@code /v2} API from the browser with the token the user enters.
 */
@NullMarked
package io.github.qstashspring.broker.dashboard;

import org.jspecify.annotations.NullMarked;
