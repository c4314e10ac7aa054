package io.coapscli.shell;

import java.net.InetSocketAddress;
import java.util.List;

import io.coapscli.agent.AgentException;
import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.OtError;
import io.coapscli.agent.PeerAddresses;

/** The peer {@code coaps connect <address> [port]} names, by the rules the one-shot requests share. */
final class PeerAddress {

    private PeerAddress() {
    }

    static InetSocketAddress of(List<String> args) throws AgentException {
        if (args.isEmpty() || args.size() > 2) {
            throw AgentException.detailed(OtError.INVALID_ARGS, "usage: coaps connect <address> [port]");
        }
        int port = AgentSettings.DEFAULT_PORT;
        if (args.size() == 2) {
            int parsed = Numbers.decimal(args.get(1), 0, Integer.MAX_VALUE);
            if (parsed < 0) {
                throw AgentException.detailed(OtError.INVALID_ARGS, "a port is 1 to 65535, not " + args.get(1));
            }
            port = PeerAddresses.port(parsed);
        }
        return new InetSocketAddress(PeerAddresses.peer(args.get(0)), port);
    }
}
