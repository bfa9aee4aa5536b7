package io.github.qstashspring.broker.delivery;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The destination policy's decisions on addresses, as the delivery client's resolver and
 * the publish check ask for them.
 */
class DestinationPolicyTests {

    private static final int OWN_PORT = 8080;

    private final DestinationPolicy dev = policy(false, List.of(), List.of(), List.of(), List.of());

    private final DestinationPolicy production = policy(true, List.of(), List.of(), List.of(), List.of());

    @Test
    void linkLocalAndCloudMetadataAddressesAreAlwaysDenied() throws Exception {
        DestinationPolicy allowingEverything = policy(false, List.of("*.example.com", "metadata.example.com"),
                List.of(), List.of("0.0.0.0/0", "::/0"), List.of());
        for (String address : List.of("169.254.169.254", "169.254.170.2", "fe80::1", "fd00:ec2::254", "100.100.100.200",
                "192.0.0.192")) {
            assertThat(allowingEverything.denial("metadata.example.com", InetAddress.getByName(address), 80))
                .as(address)
                .contains("link-local or cloud metadata");
            assertThat(this.production.denial("metadata.example.com", InetAddress.getByName(address), 80)).as(address)
                .isNotNull();
        }
    }

    @Test
    void theBrokersOwnApiIsAlwaysDenied() throws Exception {
        assertThat(this.dev.denial("localhost", InetAddress.getByName("127.0.0.1"), OWN_PORT)).contains("own API");
        assertThat(this.dev.denial("localhost", InetAddress.getByName("::1"), OWN_PORT)).contains("own API");
        assertThat(this.dev.denial("localhost", InetAddress.getByName("127.0.0.1"), OWN_PORT + 1)).isNull();
    }

    @Test
    void devAllowsLoopbackAndPrivateNetworks() throws Exception {
        for (String address : List.of("127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "fd12::1",
                "8.8.8.8")) {
            assertThat(this.dev.denial("host", InetAddress.getByName(address), 443)).as(address).isNull();
        }
    }

    @Test
    void productionDeniesLoopbackAndPrivateNetworksUnlessAllowed() throws Exception {
        for (String address : List.of("127.0.0.1", "::1", "0.0.0.0", "10.1.2.3", "172.31.255.1", "192.168.1.1",
                "100.64.0.1", "fd12::1")) {
            assertThat(this.production.denial("host", InetAddress.getByName(address), 443)).as(address)
                .contains("production preset");
        }
        assertThat(this.production.denial("host", InetAddress.getByName("8.8.8.8"), 443)).isNull();
        assertThat(this.production.denial("host", InetAddress.getByName("172.32.0.1"), 443)).isNull();
        DestinationPolicy allowing = policy(true, List.of("*.internal.example"), List.of(), List.of("10.1.0.0/16"),
                List.of());
        assertThat(allowing.denial("host", InetAddress.getByName("10.1.2.3"), 443)).isNull();
        assertThat(allowing.denial("host", InetAddress.getByName("10.2.0.1"), 443)).isNotNull();
        assertThat(allowing.denial("api.INTERNAL.example", InetAddress.getByName("192.168.1.1"), 443)).isNull();
        assertThat(allowing.denial("internal.example.org", InetAddress.getByName("192.168.1.1"), 443)).isNotNull();
    }

    @Test
    void deniedHostsAndNetworksWinOverAllowedOnes() throws Exception {
        DestinationPolicy policy = policy(false, List.of("*.example.com"), List.of("evil.example.com"),
                List.of("8.8.0.0/16"), List.of("8.8.8.0/24"));
        assertThat(policy.denial("evil.example.com", InetAddress.getByName("1.1.1.1"), 443)).contains("deny-hosts");
        assertThat(policy.denial("good.example.com", InetAddress.getByName("8.8.8.8"), 443)).contains("deny-networks");
        assertThat(policy.denial("good.example.com", InetAddress.getByName("8.8.4.4"), 443)).isNull();
    }

    @Test
    void networksMustBeLiteralCidrs() {
        assertThat(Cidr.parse("10.0.0.0/8").contains(addressOf("10.255.0.1"))).isTrue();
        assertThat(Cidr.parse("fe80::/10").contains(addressOf("febf::1"))).isTrue();
        assertThat(Cidr.parse("fe80::/10").contains(addressOf("fec0::1"))).isFalse();
        for (String invalid : List.of("10.0.0.0/33", "example.com", "10.0.0.0/x", "")) {
            assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(invalid));
        }
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new DeliveryConfiguration.Destinations(false, List.of(), List.of(), List.of("intranet"),
                    List.of()))
            .withMessageContaining("qstash.embedded.delivery.destinations.allow-networks");
        assertThatIllegalArgumentException().isThrownBy(() -> DeliveryConfiguration.Destinations.isProduction("prod"))
            .withMessageContaining("qstash.embedded.delivery.destinations.preset");
    }

    private static InetAddress addressOf(String literal) {
        try {
            return InetAddress.getByName(literal);
        }
        catch (java.net.UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static DestinationPolicy policy(boolean production, List<String> allowHosts, List<String> denyHosts,
            List<String> allowNetworks, List<String> denyNetworks) {
        return new DestinationPolicy(
                new DeliveryConfiguration.Destinations(production, allowHosts, denyHosts, allowNetworks, denyNetworks),
                () -> OWN_PORT);
    }

}
