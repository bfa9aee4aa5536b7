/**
 * The broker's {@code /v2/...} HTTP API, wire-compatible with QStash: a router that
 * checks the token and finds the {@link io.github.qstashspring.broker.api.ApiResource} of
 * each path in a route table, the exchange every resource answers through, and QStash's
 * {@code {"error":"..."}} errors. The resources themselves live with what they manage.
 */
@NullMarked
package io.github.qstashspring.broker.api;

import org.jspecify.annotations.NullMarked;
