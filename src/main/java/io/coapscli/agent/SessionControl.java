package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.coapscli.dtls.DtlsSessionEvents;
import io.coapscli.dtls.SecureEndpoint;

/**
 * The agent's sessions from their first flight to their end: client handshakes and reconnects, what
 * Scandium reports, idle and silent peers, and what each end takes with it. Everything here runs under the
 * agent's lock, the same one its commands hold, so an event is always queued after the command that caused
 * it returned.
 */
final class SessionControl {

    /** What the agent around it provides: its socket, and what an ended session takes with it. */
    interface Agent {
        /** The current endpoint, or null when the agent is not started. */
        SecureEndpoint endpoint();

        void emit(AgentEvent event);

        /** The session ended: its requests end, and in the server role its observation. */
        void sessionEnded(Session session);

        /** An observer's address changed; Californium keeps observers by address. */
        void observerMoved(InetSocketAddress from);

        /** No session is left: the agent may close after its last attempt, or swap its credentials. */
        void lastSessionEnded(int attempts);
    }

    private final Object lock;
    private final Agent agent;
    private final Sessions sessions = new Sessions();
    private final Reconnection reconnection = new Reconnection();
    private final LivenessCheck liveness;
    private int attempts;

    SessionControl(Object lock, Agent agent, boolean reconnect) {
        this.lock = lock;
        this.agent = agent;
        this.liveness = new LivenessCheck(this::wakeWaiters);
        reconnection.enable(reconnect);
    }

    Sessions sessions() {
        return sessions;
    }

    /** The endpoint opened anew: no attempt made yet. */
    void started() {
        attempts = 0;
    }

    /** No client handshake under way, no liveness ping after a failed request. */
    boolean isSettled() {
        return !sessions.clientHandshaking() && liveness.isIdle();
    }

    /** The user connected, disconnected or stopped: there is no lost peer to go back to. */
    void forgetLostPeer() {
        reconnection.forget();
    }

    void startClientHandshake(SecureEndpoint endpoint, InetSocketAddress peer) throws AgentException {
        sessions.add(new Session(peer, true));
        attempts++;
        try {
            endpoint.handshake(peer);
        } catch (RuntimeException e) {
            sessions.remove(peer);
            throw new AgentException(OtError.NO_BUFS, e.getMessage());
        }
    }

    /**
     * With {@code --reconnect}, when the client session's peer was lost: shakes hands with it again (once
     * for all requests made meanwhile) and holds the request until the session is up.
     *
     * @param reportsFailure whether the request would report an outcome, so a failed reconnect reports one
     * @return whether the request was held
     */
    boolean heldForReconnect(SecureEndpoint endpoint, Consumer<InetSocketAddress> send, boolean reportsFailure)
            throws AgentException {
        InetSocketAddress lost = reconnection.due();
        Session current = sessions.client();
        if (endpoint == null || lost == null
                || (current != null && (current.established || !reconnection.isWaiting()))) {
            return false;
        }
        if (current == null) {
            startClientHandshake(endpoint, lost);
            agent.emit(new AgentEvent.Reconnecting(lost));
        }
        reconnection.hold(() -> send.accept(lost), () -> {
            if (reportsFailure) {
                agent.emit(new AgentEvent.RequestFailed(OtError.ABORT, "not sent: the reconnect to "
                        + Formats.socketAddress(lost) + " failed"));
            }
        });
        return true;
    }

    /** Ends the sessions with close_notify; closing only queues it on each connection's thread, nothing waits. */
    void closeSessions(SecureEndpoint endpoint, Set<InetSocketAddress> peers, String reason) {
        endSessions(peers, reason, true).forEach(endpoint::close);
    }

    /** Every session ends, without the follow-ups of a last session; returns their peers, to be closed. */
    List<InetSocketAddress> endAll(String reason) {
        reconnection.forget();
        return endSessions(sessions.peers(), reason, false);
    }

    /** Server sessions silent for longer than the idle timeout end, as if the peer had closed them. */
    void endIdleServerSessions(Duration timeout) {
        synchronized (lock) {
            SecureEndpoint endpoint = agent.endpoint();
            if (endpoint == null) {
                return;
            }
            Set<InetSocketAddress> idle = new HashSet<>();
            for (InetSocketAddress peer : endpoint.idleServerSessions(timeout)) {
                if (sessions.isEstablishedServerSession(peer)) {
                    idle.add(peer);
                }
            }
            if (!idle.isEmpty()) {
                closeSessions(endpoint, idle, "idle for more than " + (timeout.toMillis() % 1000 == 0
                        ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
            }
        }
    }

    /**
     * A confirmable request that got no acknowledgement at all: the peer may be gone or restarted (its DTLS
     * state lost), or the link unlucky. A {@link LivenessCheck} tells which; a gone peer's session ends, so
     * that a new {@code connect} works without a disconnect first.
     */
    void peerStoppedAnswering(InetSocketAddress peer) {
        synchronized (lock) {
            SecureEndpoint endpoint = agent.endpoint();
            Session session = sessions.get(peer);
            if (endpoint != null && session != null && session.established) {
                liveness.confirm(endpoint, peer, reason -> peerGone(endpoint, session, reason));
            }
        }
    }

    /** Ends the session the ping was about, if it is still the one open with that peer. */
    private void peerGone(SecureEndpoint pinged, Session session, String reason) {
        synchronized (lock) {
            if (agent.endpoint() == pinged && sessions.get(session.peer) == session) {
                if (session.clientRole) {
                    reconnection.peerLost(session.peer);
                }
                closeSessions(pinged, Set.of(session.peer), reason);
            }
        }
    }

    /**
     * Removes the sessions, aborts their requests and reports each as disconnected.
     *
     * @param followUp whether the end of the last session may close the agent or swap its credentials;
     *            that is queued before the events, so whoever reads the last {@code coaps disconnected}
     *            line and then runs a command (which waits for queued events) sees its effect
     */
    private List<InetSocketAddress> endSessions(Set<InetSocketAddress> peers, String reason, boolean followUp) {
        List<InetSocketAddress> ended = List.copyOf(peers);
        List<Session> removed = ended.stream().map(sessions::remove).toList();
        if (followUp && sessions.isEmpty()) {
            agent.lastSessionEnded(attempts);
        }
        for (Session session : removed) {
            agent.emit(new AgentEvent.Disconnected(session.peer, session.clientRole, session.established, reason));
            if (session.clientRole && !session.established && reconnection.isWaiting()) {
                reconnection.failed();
            }
            agent.sessionEnded(session);
        }
        lock.notifyAll();
        return ended;
    }

    private void wakeWaiters() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Scandium's view of sessions, applied to the agent's; events from a replaced endpoint are ignored. */
    final class ScandiumEvents implements DtlsSessionEvents {

        @Override
        public void handshakeStarted(InetSocketAddress peer, boolean clientRole) {
            synchronized (lock) {
                if (!isCurrent() || clientRole) {
                    return;
                }
                sessions.add(new Session(peer, false));
                attempts++;
            }
        }

        @Override
        public void sessionEstablished(InetSocketAddress peer, boolean clientRole, String cipherSuite,
                String peerIdentity) {
            synchronized (lock) {
                Session session = sessions.get(peer);
                if (!isCurrent() || session == null) {
                    return;
                }
                session.established = true;
                session.info = new SessionInfo(cipherSuite, peerIdentity);
                agent.emit(new AgentEvent.Connected(peer, session.clientRole, session.info));
                if (session.clientRole) {
                    reconnection.succeeded();
                }
                lock.notifyAll();
            }
        }

        @Override
        public void sessionMoved(InetSocketAddress from, InetSocketAddress to, boolean clientRole) {
            synchronized (lock) {
                if (!isCurrent() || sessions.move(from, to) == null) {
                    return;
                }
                agent.emit(new AgentEvent.SessionMoved(from, to, clientRole));
                agent.observerMoved(from);
            }
        }

        @Override
        public void sessionEnded(InetSocketAddress peer, boolean clientRole, String reason) {
            synchronized (lock) {
                if (!isCurrent() || sessions.get(peer) == null) {
                    return;
                }
                endSessions(Set.of(peer), reason, true);
            }
        }

        private boolean isCurrent() {
            SecureEndpoint endpoint = agent.endpoint();
            return endpoint != null && endpoint.events() == this;
        }
    }
}
