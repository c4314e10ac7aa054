package io.coapscli.agent;

import java.net.InetSocketAddress;

/** One DTLS session the agent holds: ours to a server (client role) or a peer's to us (server role). */
final class Session {
    final InetSocketAddress peer;
    final boolean clientRole;
    boolean established;
    SessionInfo info = SessionInfo.UNKNOWN;

    Session(InetSocketAddress peer, boolean clientRole) {
        this.peer = peer;
        this.clientRole = clientRole;
    }
}
