package io.coapscli.agent;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;

/** How addresses and payloads are written in OpenThread's lines. */
public final class Formats {

    private static final HexFormat HEX = HexFormat.of();

    private Formats() {
    }

    /** Lowercase hex, two digits a byte, no separators. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * A peer address without brackets, port or scope: IPv6 as eight groups of lowercase hex without
     * leading zeros and without {@code ::} compression, IPv4 and IPv4-mapped IPv6 in dotted form.
     */
    public static String address(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return dotted(bytes, 0);
        }
        if (isIpv4Mapped(bytes)) {
            return dotted(bytes, 12);
        }
        StringBuilder groups = new StringBuilder(39);
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                groups.append(':');
            }
            groups.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        }
        return groups.toString();
    }

    public static String address(InetSocketAddress peer) {
        return address(peer.getAddress());
    }

    /** An address with its port, for messages: {@code [::1]:5684}, {@code 127.0.0.1:5684}. */
    public static String socketAddress(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null ? address.getHostString() : ip.getHostAddress();
        return (ip instanceof Inet6Address ? "[" + host.replaceFirst("%.*$", "") + "]" : host) + ":" + address.getPort();
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    private static String dotted(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) + "." + (bytes[offset + 1] & 0xff) + "." + (bytes[offset + 2] & 0xff) + "."
                + (bytes[offset + 3] & 0xff);
    }
}
