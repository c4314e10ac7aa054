package io.coapscli.agent;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IPv4 and IPv6 address literals, as every option and command takes them: never a name to resolve. */
public final class AddressLiteral {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

    private AddressLiteral() {
    }

    /** The address the text is a literal of; empty for anything else, a host name included. */
    public static Optional<InetAddress> parse(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // Only literals get here, so no name service is asked.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException | SecurityException e) {
            return scoped(text);
        }
    }

    /**
     * {@code fe80::1%lo}: Java takes a zone by name only when the interface has an address of the same
     * kind (lo has no link-local one); the kernel takes any interface's index.
     */
    private static Optional<InetAddress> scoped(String text) {
        int percent = text.indexOf('%');
        if (percent < 0) {
            return Optional.empty();
        }
        try {
            InetAddress unscoped = InetAddress.getByName(text.substring(0, percent));
            NetworkInterface zone = NetworkInterface.getByName(text.substring(percent + 1));
            if (!(unscoped instanceof Inet6Address) || zone == null) {
                return Optional.empty();
            }
            return Optional.of(Inet6Address.getByAddress(null, unscoped.getAddress(), zone.getIndex()));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
