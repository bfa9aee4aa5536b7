package io.github.qstashspring.broker.support;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * This machine's addresses, to prove over real sockets who can reach a broker.
 */
public final class NetworkAddresses {

    private NetworkAddresses() {
    }

    /**
     * @return an IPv4 address of this machine that is not a loopback address (the test is
     * skipped on a machine without one)
     */
    public static String nonLoopbackIpv4() {
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        catch (SocketException ex) {
            throw new IllegalStateException(ex);
        }
        assumeTrue(false, "this machine has no non-loopback IPv4 address");
        throw new IllegalStateException();
    }

    /**
     * Whether a TCP connection to an address and port is accepted.
     * @param host the address
     * @param port the port
     * @return whether something listens there
     */
    public static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

}
