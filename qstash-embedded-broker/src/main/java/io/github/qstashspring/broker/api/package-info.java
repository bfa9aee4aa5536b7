/**
 * The broker's {@code /v2/...} HTTP API, wire-compatible with QStash: routing on the raw
 * request target, token auth and {@code {"error":"..."}} errors.
 */
@NullMarked
package io.github.qstashspring.broker.api;

import org.jspecify.annotations.NullMarked;
