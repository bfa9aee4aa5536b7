package io.github.qstashspring.broker;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The address the broker's API binds to ({@code server.address} of its context, made from
 * {@code qstash.embedded.address}), and the rule that keeps QStash's public development
 * credentials off the network: a broker bound to a non-loopback address refuses to start
 * with them unless {@code qstash.embedded.allow-development-credentials-on-network} is
 * set, which is logged as a warning at every start.
 */
final class BrokerAddress {

    private static final Log logger = LogFactory.getLog(BrokerAddress.class);

    private final InetAddress bound;

    private BrokerAddress(InetAddress bound) {
        this.bound = bound;
    }

    /**
     * Reads the address of a broker's context.
     * @param environment the broker context's environment
     * @return the address its API binds to (the wildcard address when none is set)
     */
    static BrokerAddress of(Environment environment) {
        String address = environment.getProperty("server.address");
        try {
            return new BrokerAddress(
                    StringUtils.hasText(address) ? InetAddress.getByName(address) : InetAddress.getByName("0.0.0.0"));
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException("qstash.embedded.address: unknown host '" + address + "'", ex);
        }
    }

    /**
     * @return whether only this machine can reach the broker
     */
    boolean isLoopback() {
        return this.bound.isLoopbackAddress();
    }

    /**
     * @param port the API's port
     * @return the base URL to reach the API at from this machine: the bound address, or
     * {@code 127.0.0.1} when bound to every interface
     */
    String url(int port) {
        String host;
        if (this.bound.isAnyLocalAddress()) {
            host = "127.0.0.1";
        }
        else if (this.bound instanceof Inet6Address) {
            host = "[" + this.bound.getHostAddress() + "]";
        }
        else {
            host = this.bound.getHostAddress();
        }
        return "http://" + host + ":" + port;
    }

    /**
     * @return the bound address and who can reach it, for the start banner
     */
    String describe() {
        String address = this.bound.getHostAddress();
        if (this.bound.isAnyLocalAddress()) {
            return address + " (every interface: reachable from the network)";
        }
        return address + (isLoopback() ? " (loopback: this machine only)" : " (reachable from the network)");
    }

    /**
     * Refuses QStash's public development credentials on a non-loopback address.
     * @param credentials the broker's credentials
     * @param currentKey the signing key in force (rotations included)
     * @param nextKey the next signing key in force
     * @param allowed {@code qstash.embedded.allow-development-credentials-on-network}
     * @throws IllegalStateException when the broker must not start, naming the properties
     */
    void checkCredentials(BrokerCredentials credentials, String currentKey, String nextKey, boolean allowed) {
        boolean development = credentials.anyDevelopmentValue() || BrokerCredentials.isDevelopmentKey(currentKey)
                || BrokerCredentials.isDevelopmentKey(nextKey);
        if (isLoopback() || !development) {
            return;
        }
        String what = "The QStash broker binds to " + describe()
                + " (qstash.embedded.address) with QStash's public development token or signing keys, "
                + "which anyone can look up: whoever reaches it can publish, read every message and forge signed "
                + "deliveries";
        if (!allowed) {
            throw new IllegalStateException(what + ". Set qstash.embedded.token, qstash.embedded.current-signing-key "
                    + "and qstash.embedded.next-signing-key (or qstash.embedded.development-credentials=false), "
                    + "bind to 127.0.0.1, or accept the risk with "
                    + "qstash.embedded.allow-development-credentials-on-network=true");
        }
        logger.warn(what + " (allowed by qstash.embedded.allow-development-credentials-on-network=true)");
    }

}
