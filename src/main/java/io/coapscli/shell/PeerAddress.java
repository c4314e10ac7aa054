package io.coapscli.shell;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import io.coapscli.agent.AgentException;
import io.coapscli.agent.OtError;

/** Parses the address literals {@code coaps connect} takes: IPv6 and IPv4, never a host name to resolve. */
final class PeerAddress {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

    private PeerAddress() {
    }

    static InetAddress parse(String text) throws AgentException {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            throw new AgentException(OtError.PARSE);
        }
        try {
            // A literal, so no name service is asked.
            return InetAddress.getByName(text);
        } catch (UnknownHostException | SecurityException e) {
            throw new AgentException(OtError.PARSE);
        }
    }

    /** An address a DTLS session can be opened with: not multicast, not the unspecified address. */
    static InetAddress peer(String text) throws AgentException {
        InetAddress address = parse(text);
        if (address.isMulticastAddress()) {
            throw new AgentException(OtError.INVALID_ARGS, "a multicast address cannot have a DTLS session: " + text);
        }
        if (address.isAnyLocalAddress()) {
            throw new AgentException(OtError.INVALID_ARGS, "the unspecified address is no peer: " + text);
        }
        return address;
    }

    /** A port argument: 1 to 65535. */
    static int port(String text) throws AgentException {
        int port = Numbers.decimal(text, 1, 65535);
        if (port < 0) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        return port;
    }
}
