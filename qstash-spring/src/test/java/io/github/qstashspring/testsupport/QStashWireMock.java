package io.github.qstashspring.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * The WireMock options of every test that stands WireMock in for QStash (shared with the
 * other modules' tests through this module's test jar).
 */
public final class QStashWireMock {

    private QStashWireMock() {
    }

    /**
     * Options for a WireMock QStash: a free port, and no HTTP/2 over plain text (the JDK
     * {@code HttpClient} would otherwise try an h2c upgrade that WireMock's Jetty answers
     * differently from QStash).
     * @return new options, to extend further
     */
    public static WireMockConfiguration options() {
        return WireMockConfiguration.options().dynamicPort().http2PlainDisabled(true);
    }

    /**
     * @return a server with {@link #options()}, not started
     */
    public static WireMockServer server() {
        return new WireMockServer(options());
    }

}
