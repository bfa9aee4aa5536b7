package io.github.qstashspring.broker.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A network in CIDR notation ({@code 10.0.0.0/8}, {@code fe80::/10}), or one address.
 *
 * @param network the network's address bytes (4 or 16)
 * @param prefix the prefix length in bits
 */
record Cidr(byte[] network, int prefix) {

    /**
     * Parses a network. Only literal addresses are accepted (no name is resolved).
     * @param text e.g. {@code 192.168.0.0/16} or {@code ::1}
     * @return the network
     * @throws IllegalArgumentException when the text is not a network
     */
    static Cidr parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        String address = (slash >= 0) ? value.substring(0, slash) : value;
        boolean literal = address.contains(":") || address.chars().allMatch((c) -> c == '.' || Character.isDigit(c));
        if (address.isEmpty() || !literal) {
            throw new IllegalArgumentException("not an IP network: " + text);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        }
        catch (UnknownHostException ex) {
            throw new IllegalArgumentException("not an IP network: " + text, ex);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException("not an IP network: " + text, ex);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("not an IP network: " + text);
            }
        }
        return new Cidr(bytes, prefix);
    }

    /**
     * @param address an address
     * @return whether it is in this network (an IPv4 network never holds an IPv6 address)
     */
    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != this.network.length) {
            return false;
        }
        int full = this.prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != this.network[i]) {
                return false;
            }
        }
        int rest = this.prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[full] & mask) == (this.network[full] & mask);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Cidr cidr && cidr.prefix == this.prefix && Arrays.equals(cidr.network, this.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(this.network) + this.prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(this.network).getHostAddress() + "/" + this.prefix;
        }
        catch (UnknownHostException ex) {
            return Arrays.toString(this.network) + "/" + this.prefix;
        }
    }

}
