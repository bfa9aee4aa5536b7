package io.github.qstashspring.broker.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The delivery client's name resolution: the system's, then the {@link DestinationPolicy}
 * on every address, at the moment a connection is opened. If one address is denied, the
 * connection is refused ({@link DeniedDestinationException}), so that a name cannot offer
 * an allowed address beside a denied one.
 */
final class PolicyDnsResolver implements DnsResolver {

    private final DestinationPolicy policy;

    PolicyDnsResolver(DestinationPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        check(host, addresses, -1);
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        check(host, addresses, port);
        List<InetSocketAddress> resolved = new ArrayList<>(addresses.length);
        for (InetAddress address : addresses) {
            resolved.add(new InetSocketAddress(address, port));
        }
        return resolved;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    private void check(String host, InetAddress[] addresses, int port) throws DeniedDestinationException {
        for (InetAddress address : addresses) {
            String denial = this.policy.denial(host, address, port);
            if (denial != null) {
                throw new DeniedDestinationException(
                        "destination denied: " + host + " resolves to " + address.getHostAddress() + ", " + denial);
            }
        }
    }

}
