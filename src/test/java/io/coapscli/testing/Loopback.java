package io.coapscli.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The loopback addresses tests use; no test sends anywhere else. */
public final class Loopback {
    public static final InetAddress IPV4 = literal("127.0.0.1");
    public static final InetAddress IPV6 = literal("::1");

    private Loopback() {
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
