package io.github.qstashspring.broker.delivery;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

import io.github.qstashspring.broker.api.BrokerException;
import org.jspecify.annotations.Nullable;

/**
 * Which addresses deliveries and callbacks may reach, decided on each address a
 * destination's host name resolves to (so that a name that resolves elsewhere later, DNS
 * rebinding, is judged by where the connection would really go). In this order:
 * <ol>
 * <li>always denied: link-local addresses ({@code 169.254.0.0/16}, {@code fe80::/10}) and
 * the cloud metadata addresses, and the broker's own API (an address of this machine at
 * the broker's port), which would feed the broker its own deliveries;</li>
 * <li>denied: hosts of {@code deny-hosts} and addresses in {@code deny-networks};</li>
 * <li>allowed: hosts of {@code allow-hosts} and addresses in {@code allow-networks};</li>
 * <li>with the {@code production} preset, denied: loopback, unspecified, private,
 * carrier-grade NAT and unique-local addresses;</li>
 * <li>allowed: everything else.</li>
 * </ol>
 * Hosts match by name, case-insensitively; {@code *.example.com} matches every name under
 * {@code example.com}.
 */
final class DestinationPolicy {

    private static final List<Cidr> LINK_LOCAL = cidrs("169.254.0.0/16", "fe80::/10");

    /**
     * Cloud metadata services outside link-local: AWS over IPv6, Alibaba Cloud, Oracle
     * Cloud (AWS, GCP, Azure and the ECS task metadata use {@code 169.254.x.x}).
     */
    private static final List<Cidr> METADATA = cidrs("fd00:ec2::254", "100.100.100.200", "192.0.0.192");

    private static final List<Cidr> LOCAL_OR_PRIVATE = cidrs("127.0.0.0/8", "::1", "0.0.0.0/8", "::", "10.0.0.0/8",
            "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7");

    private final DeliveryConfiguration.Destinations settings;

    private final List<Cidr> allowNetworks;

    private final List<Cidr> denyNetworks;

    private final IntSupplier ownPort;

    /**
     * @param settings the configured policy
     * @param ownPort the port of the broker's API (0 before it is known)
     */
    DestinationPolicy(DeliveryConfiguration.Destinations settings, IntSupplier ownPort) {
        this.settings = settings;
        this.allowNetworks = settings.allowNetworks().stream().map(Cidr::parse).toList();
        this.denyNetworks = settings.denyNetworks().stream().map(Cidr::parse).toList();
        this.ownPort = ownPort;
    }

    /**
     * Judges one address a destination resolved to.
     * @param host the URL's host name
     * @param address one address it resolved to
     * @param port the port to connect to, or {@code -1} when not known
     * @return why it is denied, or {@code null} when it is allowed
     */
    @Nullable String denial(String host, InetAddress address, int port) {
        if (in(LINK_LOCAL, address) || in(METADATA, address)) {
            return "a link-local or cloud metadata address, always denied";
        }
        int own = this.ownPort.getAsInt();
        if (own > 0 && port == own && isThisMachine(address)) {
            return "the broker's own API, always denied";
        }
        if (matches(this.settings.denyHosts(), host)) {
            return "a host of qstash.embedded.delivery.destinations.deny-hosts";
        }
        if (in(this.denyNetworks, address)) {
            return "in qstash.embedded.delivery.destinations.deny-networks";
        }
        if (matches(this.settings.allowHosts(), host) || in(this.allowNetworks, address)) {
            return null;
        }
        if (this.settings.production() && in(LOCAL_OR_PRIVATE, address)) {
            return "a loopback or private address, denied by the production preset unless allowed";
        }
        return null;
    }

    /**
     * Checks the URL of a publish, a callback or a URL group endpoint when it is
     * accepted: if its host resolves now, every address must be allowed. A host that does
     * not resolve is accepted (it is judged again when it is delivered to).
     * @param url the URL
     * @throws BrokerException (400) when it is denied
     */
    void checkAtPublish(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        }
        catch (IllegalArgumentException ex) {
            return;
        }
        String host = uri.getHost();
        if (host == null) {
            return;
        }
        int port = (uri.getPort() >= 0) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        }
        catch (UnknownHostException ex) {
            return;
        }
        for (InetAddress address : addresses) {
            String denial = denial(host, address, port);
            if (denial != null) {
                throw BrokerException.badRequest(
                        "destination denied: " + url + " resolves to " + address.getHostAddress() + ", " + denial);
            }
        }
    }

    private static boolean isThisMachine(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        }
        catch (SocketException ex) {
            return false;
        }
    }

    private static boolean matches(List<String> patterns, String host) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            String lower = pattern.trim().toLowerCase(Locale.ROOT);
            if (lower.startsWith("*.") ? name.endsWith(lower.substring(1)) : name.equals(lower)) {
                return true;
            }
        }
        return false;
    }

    private static boolean in(List<Cidr> networks, InetAddress address) {
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<Cidr> cidrs(String... networks) {
        return List.of(networks).stream().map(Cidr::parse).toList();
    }

}
