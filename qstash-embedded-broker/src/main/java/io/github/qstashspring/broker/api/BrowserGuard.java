package io.github.qstashspring.broker.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Keeps browsers of other sites out of the API. The API's clients (SDKs, curl, the
 * broker's own dashboard) never need what this refuses:
 * <ul>
 * <li>a {@code Host} that is none of the broker's names (421): the loopback names, IP
 * addresses, the bound address and {@code qstash.embedded.allowed-hosts}. A page whose
 * DNS name was rebound to the broker's address is same-origin with itself and sends its
 * own name, which is refused here (an IP address is never such a name);</li>
 * <li>an {@code Origin} other than the broker's own (403): a page of another site, which
 * may post a form or a no-cors request with the public development token in the query
 * without a CORS preflight. The broker's own origin has the request's host and port, or a
 * configured name on any port (a proxy that passes its upstream's address as
 * {@code Host});</li>
 * <li>a {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none} (403).</li>
 * </ul>
 */
final class BrowserGuard {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> hosts = new HashSet<>(LOOPBACK);

    private final Set<String> configured = new HashSet<>();

    /**
     * Creates the guard.
     * @param boundAddress the address the API is bound to, or {@code null} for all
     * @param allowedHosts further names of the broker
     */
    BrowserGuard(@Nullable String boundAddress, List<String> allowedHosts) {
        if (boundAddress != null && !boundAddress.isBlank()) {
            this.hosts.add(bracketed(boundAddress.trim().toLowerCase(Locale.ROOT)));
        }
        for (String name : allowedHosts) {
            if (!name.isBlank()) {
                this.configured.add(bracketed(name.trim().toLowerCase(Locale.ROOT)));
            }
        }
        this.hosts.addAll(this.configured);
    }

    /**
     * Checks a request's {@code Host}, {@code Origin} and {@code Sec-Fetch-Site}.
     * @param request the request
     * @throws BrokerException 421 for a host that is not the broker's, 403 for a request
     * of another site
     */
    void check(HttpServletRequest request) {
        String host = request.getHeader("Host");
        String hostName = (host != null) ? hostName(host) : null;
        if (host != null && !isBrokerHost(hostName)) {
            throw new BrokerException(421, "host " + host + " is not a name of this broker: add it to "
                    + "qstash.embedded.allowed-hosts to reach the broker by it");
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !isOwnOrigin(origin, host)) {
            throw new BrokerException(403, "browser request of another origin refused (Origin: " + origin
                    + "); names of the broker behind a proxy belong in qstash.embedded.allowed-hosts");
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw new BrokerException(403, "browser request of another site refused (Sec-Fetch-Site: " + site + ")");
        }
    }

    private boolean isBrokerHost(@Nullable String name) {
        return name != null && (this.hosts.contains(name) || IPV4.matcher(name).matches()
                || (name.startsWith("[") && name.endsWith("]")));
    }

    private boolean isOwnOrigin(String origin, @Nullable String host) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        }
        catch (URISyntaxException ex) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            // "null" (a sandboxed page, a file) and anything that is no origin.
            return false;
        }
        String originHost = uri.getHost().toLowerCase(Locale.ROOT);
        if (this.configured.contains(originHost)) {
            return true;
        }
        if (host == null || !originHost.equals(hostName(host))) {
            return false;
        }
        int originPort = (uri.getPort() != -1) ? uri.getPort() : defaultPort(uri.getScheme());
        int hostPort = port(host);
        // A Host without a port is the default port of whichever scheme the page used.
        return (hostPort == -1) ? originPort == defaultPort(uri.getScheme()) : originPort == hostPort;
    }

    private static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") ? 443 : 80;
    }

    /**
     * @param host a {@code Host} header, {@code name[:port]} or {@code [v6]:port}
     * @return its name, lower case ({@code [::1]} for IPv6)
     */
    private static String hostName(String host) {
        String value = host.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return (end > 0) ? value.substring(0, end + 1) : value;
        }
        int colon = value.indexOf(':');
        return (colon >= 0) ? value.substring(0, colon) : value;
    }

    private static int port(String host) {
        String value = host.trim();
        int colon = value.lastIndexOf(':');
        if (colon < 0 || colon < value.lastIndexOf(']')) {
            return -1;
        }
        try {
            return Integer.parseInt(value.substring(colon + 1));
        }
        catch (NumberFormatException ex) {
            return -2;
        }
    }

    private static String bracketed(String name) {
        return (name.indexOf(':') >= 0 && !name.startsWith("[")) ? "[" + name + "]" : name;
    }

}
