package io.coapscli.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a session may go: the rules that {@code coaps connect} and the one-shot requests share, with the
 * same reasons. A peer is an address literal (IPv6 with an optional zone, {@code fe80::1%eth0}; IPv4) or a
 * host name, resolved; never a multicast or unspecified address.
 */
public final class PeerAddresses {

    /** Text meant as a literal (digits and dots, or a colon): never handed to the name service. */
    private static final Pattern MEANT_AS_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    private PeerAddresses() {
    }

    /** The address of a host, a literal or a resolved name: {@code Error 6: Parse} with a detail otherwise. */
    public static InetAddress resolve(String host) throws AgentException {
        Optional<InetAddress> literal = AddressLiteral.parse(host);
        if (literal.isPresent()) {
            return literal.get();
        }
        if (MEANT_AS_LITERAL.matcher(host).matches()) {
            int zone = host.indexOf('%');
            if (zone >= 0 && AddressLiteral.parse(host.substring(0, zone)).isPresent()) {
                throw AgentException.detailed(OtError.PARSE, "no network interface " + host.substring(zone + 1)
                        + " for the zone of " + host);
            }
            throw AgentException.detailed(OtError.PARSE, "not an IPv4 or IPv6 address: " + host);
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw AgentException.detailed(OtError.PARSE, "unknown host " + host);
        }
    }

    /** A host a DTLS session can be opened with: resolved, and neither multicast nor the unspecified address. */
    public static InetAddress peer(String host) throws AgentException {
        InetAddress address = resolve(host);
        if (address.isMulticastAddress()) {
            throw new AgentException(OtError.INVALID_ARGS, "a multicast address cannot have a DTLS session: " + host);
        }
        if (address.isAnyLocalAddress()) {
            throw new AgentException(OtError.INVALID_ARGS, "the unspecified address is no peer: " + host);
        }
        return address;
    }

    /** A peer's port: 1 to 65535 ({@code Error 7: InvalidArgs} with a detail otherwise). */
    public static int port(long port) throws AgentException {
        if (port < 1 || port > 65535) {
            throw AgentException.detailed(OtError.INVALID_ARGS, "a port is 1 to 65535, not " + port);
        }
        return (int) port;
    }
}
