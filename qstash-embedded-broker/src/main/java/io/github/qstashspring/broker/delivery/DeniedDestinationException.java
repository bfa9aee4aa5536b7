package io.github.qstashspring.broker.delivery;

import java.net.UnknownHostException;

/**
 * A destination the broker's policy refuses, found when its host name is resolved for a
 * connection: the connection is never opened. An {@link UnknownHostException}, the only
 * kind a {@link org.apache.hc.client5.http.DnsResolver} may throw.
 */
final class DeniedDestinationException extends UnknownHostException {

    DeniedDestinationException(String message) {
        super(message);
    }

}
