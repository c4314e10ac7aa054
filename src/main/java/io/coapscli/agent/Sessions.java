package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's sessions by peer: at most one in the client role, any number in the server role. Not
 * thread-safe: the agent guards it with its lock.
 */
final class Sessions {

    private final Map<InetSocketAddress, Session> byPeer = new LinkedHashMap<>();

    void add(Session session) {
        byPeer.put(session.peer, session);
    }

    Session get(InetSocketAddress peer) {
        return byPeer.get(peer);
    }

    /** The session's peer now sends from another address (Connection ID); it keeps its place in the order. */
    Session move(InetSocketAddress from, InetSocketAddress to) {
        Session old = byPeer.get(from);
        if (old == null || byPeer.containsKey(to)) {
            return null;
        }
        Session moved = new Session(to, old.clientRole);
        moved.established = old.established;
        moved.info = old.info;
        Map<InetSocketAddress, Session> reordered = new LinkedHashMap<>();
        byPeer.forEach((peer, session) -> reordered.put(peer.equals(from) ? to : peer, peer.equals(from) ? moved : session));
        byPeer.clear();
        byPeer.putAll(reordered);
        return moved;
    }

    Session remove(InetSocketAddress peer) {
        return byPeer.remove(peer);
    }

    boolean isEmpty() {
        return byPeer.isEmpty();
    }

    /** A copy, in the order the sessions began. */
    Set<InetSocketAddress> peers() {
        return new LinkedHashSet<>(byPeer.keySet());
    }

    /** The session from {@code connect}, handshaking or established; null if none. */
    Session client() {
        return byPeer.values().stream().filter(session -> session.clientRole).findFirst().orElse(null);
    }

    boolean anyEstablished() {
        return byPeer.values().stream().anyMatch(session -> session.established);
    }

    boolean clientHandshaking() {
        Session client = client();
        return client != null && !client.established;
    }

    boolean isEstablishedServerSession(InetSocketAddress peer) {
        Session session = byPeer.get(peer);
        return session != null && !session.clientRole && session.established;
    }

    /**
     * Where requests go: the client session's peer once established; with no client session, the peer of
     * the only established server session (as an OpenThread node that was connected to sends back).
     */
    InetSocketAddress requestTarget() {
        Session client = client();
        if (client != null) {
            return client.established ? client.peer : null;
        }
        List<Session> established = byPeer.values().stream().filter(session -> session.established).toList();
        return established.size() == 1 ? established.get(0).peer : null;
    }

    /** Why {@link #requestTarget()} found no peer, in words. */
    String whyNoRequestTarget() {
        Session client = client();
        if (client != null) {
            return "still connecting to " + Formats.socketAddress(client.peer) + " (wait for coaps connected)";
        }
        long established = byPeer.values().stream().filter(session -> session.established).count();
        return established == 0 ? "not connected (coaps connect first)"
                : established + " peers are connected to us and none by coaps connect: no single peer to send to";
    }

    SessionInfo info(InetSocketAddress peer) {
        Session session = byPeer.get(peer);
        return session == null ? SessionInfo.UNKNOWN : session.info;
    }
}
