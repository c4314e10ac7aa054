package io.coapscli.shell;

import java.net.InetAddress;

import io.coapscli.agent.AddressLiteral;
import io.coapscli.agent.AgentException;
import io.coapscli.agent.OtError;

/** Parses the address literals {@code coaps connect} takes: IPv6 and IPv4, never a host name to resolve. */
final class PeerAddress {

    private PeerAddress() {
    }

    static InetAddress parse(String text) throws AgentException {
        return AddressLiteral.parse(text).orElseThrow(() -> new AgentException(OtError.PARSE));
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
