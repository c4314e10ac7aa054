package io.coapscli.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.CoAP.Code;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coapscli.dtls.DtlsSessionEvents;
import io.coapscli.dtls.SecureEndpoint;

/**
 * OpenThread's Secure CoAP agent on a host: one UDP socket, one resource, one client session and any
 * number of server sessions. It never prints; everything that happens is an {@link AgentEvent} handed to
 * the listener on one event thread, in order.
 * <p>
 * Commands are synchronized on the agent. DTLS and CoAP callbacks update the same state under the same
 * lock and queue their events, so an event is always queued after the command that caused it returned.
 */
public final class CoapsAgent implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(CoapsAgent.class);
    private static final String NOT_STARTED = "not started (coaps start first)";

    private final AgentSettings settings;
    private final EventDelivery events;
    /** Request deadlines and the idle sweep; what they find is reported through the event thread. */
    private final ScheduledThreadPoolExecutor timers;
    private final AgentResource resource = new AgentResource(this::emit, this::sessionInfo);
    private final ClientRequests client;
    private final LivenessCheck liveness = new LivenessCheck(this::wakeWaiters);
    private final Reconnection reconnection = new Reconnection();

    // Guarded by this.
    private Credentials credentials;
    private boolean credentialsChanged;
    private SecureEndpoint endpoint;
    private InetSocketAddress boundAddress;
    private boolean verifyPeer;
    private int maxAttempts;
    private int attempts;
    private final Sessions sessions = new Sessions();

    public CoapsAgent(AgentSettings settings, AgentListener listener) {
        this.settings = settings;
        this.events = new EventDelivery(listener);
        reconnection.enable(settings.reconnect());
        this.timers = new ScheduledThreadPoolExecutor(1, daemon("coaps-agent-timers"));
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.client = new ClientRequests(this, settings, timers, this::emit, new OutstandingRequests.Owner() {
            @Override
            public void reportOutcome(AgentEvent outcome) {
                emit(outcome);
                CoapsAgent.this.notifyAll();
            }

            @Override
            public SessionInfo sessionInfo(InetSocketAddress peer) {
                return CoapsAgent.this.sessionInfo(peer);
            }

            @Override
            public void peerStoppedAnswering(InetSocketAddress peer) {
                CoapsAgent.this.peerStoppedAnswering(peer);
            }
        });
        if (!settings.idleTimeout().isZero()) {
            long period = Math.max(10, Math.min(1000, settings.idleTimeout().toMillis() / 2));
            timers.scheduleWithFixedDelay(this::endIdleServerSessions, period, period, TimeUnit.MILLISECONDS);
        }
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /**
     * Binds the socket and accepts sessions.
     *
     * @param verifyPeer check peer certificates against the trust anchors
     * @param maxAttempts close the agent after this many session attempts; 0 for no limit
     */
    public synchronized void start(boolean verifyPeer, int maxAttempts) throws AgentException {
        if (endpoint != null) {
            throw new AgentException(OtError.ALREADY);
        }
        this.verifyPeer = verifyPeer;
        this.maxAttempts = maxAttempts;
        this.attempts = 0;
        openEndpoint(settings.bindAddress());
    }

    /** Closes every session with close_notify, aborts outstanding requests and releases the socket. */
    public void stop() {
        SecureEndpoint closing;
        List<InetSocketAddress> open;
        synchronized (this) {
            closing = endpoint;
            if (closing == null) {
                return;
            }
            reconnection.forget();
            open = endSessions(sessions.peers(), "closed by us", false);
            endpoint = null;
            boundAddress = null;
        }
        // Outside the lock: Scandium's threads may call back into the agent while the socket closes.
        closing.destroy(open);
    }

    public synchronized boolean isStarted() {
        return endpoint != null;
    }

    /** Some session is handshaking or established. */
    public synchronized boolean isConnectionActive() {
        return !sessions.isEmpty();
    }

    /** Some session has completed its handshake. */
    public synchronized boolean isConnected() {
        return sessions.anyEstablished();
    }

    /** DTLS connections the endpoint holds (sessions, handshakes, and any kept after they ended); 0 when not started. */
    public synchronized int connectionsHeld() {
        return endpoint == null ? 0 : endpoint.connectionsHeld();
    }

    /** The address the socket is bound to, or null when not started. */
    public synchronized InetSocketAddress localAddress() {
        return boundAddress;
    }

    // ---- credentials -----------------------------------------------------------------------------

    /** Selects TLS_PSK_WITH_AES_128_CCM_8 with this key and identity for the following sessions. */
    public void usePsk(byte[] key, byte[] identity) throws AgentException {
        Checks.psk(key, identity);
        useCredentials(new Credentials.Psk(key, identity));
    }

    /** Selects TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 with this identity for the following sessions. */
    public void useX509(Credentials.X509 x509) throws AgentException {
        useCredentials(x509);
    }

    /** Selects TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 with raw public keys (RFC 7250) for the following sessions. */
    public void useRpk(Credentials.Rpk rpk) throws AgentException {
        useCredentials(rpk);
    }

    private synchronized void useCredentials(Credentials credentials) throws AgentException {
        this.credentials = credentials;
        this.credentialsChanged = true;
        applyChangedCredentials();
    }

    /** New credentials need a new DTLS connector; swap it in on the same port while no session would be cut. */
    private void applyChangedCredentials() throws AgentException {
        if (endpoint == null || !credentialsChanged || !sessions.isEmpty()) {
            return;
        }
        InetSocketAddress address = boundAddress;
        SecureEndpoint old = endpoint;
        endpoint = null;
        boundAddress = null;
        old.destroy(List.of());
        openEndpoint(address);
    }

    private void openEndpoint(InetSocketAddress address) throws AgentException {
        // On failure the agent is closed: endpoint stays null.
        SecureEndpoint created = SecureEndpoint.create(settings.withBindAddress(address.getAddress(),
                address.getPort()), credentials, verifyPeer, new SessionEvents());
        created.setMessageDeliverer(resource);
        created.onNotification((request, response) -> client.notificationArrived(response));
        try {
            created.start();
        } catch (IOException e) {
            created.destroy(List.of());
            throw new AgentException(OtError.FAILED,
                    "cannot bind UDP " + Formats.socketAddress(address) + ": " + e.getMessage());
        }
        endpoint = created;
        boundAddress = created.localAddress();
        credentialsChanged = false;
    }

    // ---- sessions --------------------------------------------------------------------------------

    /** Starts a handshake with the peer; {@link AgentEvent.Connected} or {@link AgentEvent.Disconnected} follows. */
    public synchronized void connect(InetSocketAddress peer) throws AgentException {
        if (endpoint == null) {
            throw AgentException.detailed(OtError.INVALID_STATE, NOT_STARTED);
        }
        if (credentials == null) {
            throw AgentException.detailed(OtError.INVALID_STATE,
                    "no credentials: set them first (coaps psk, coaps x509 or coaps rpk)");
        }
        Session client = sessions.client();
        if (client != null) {
            throw AgentException.detailed(OtError.INVALID_STATE, (client.established ? "already connected to "
                    : "already connecting to ") + Formats.socketAddress(client.peer) + " (coaps disconnect first)");
        }
        reconnection.forget();
        startClientHandshake(peer);
    }

    private void startClientHandshake(InetSocketAddress peer) throws AgentException {
        sessions.add(new Session(peer, true));
        attempts++;
        try {
            endpoint.handshake(peer);
        } catch (RuntimeException e) {
            sessions.remove(peer);
            throw new AgentException(OtError.NO_BUFS, e.getMessage());
        }
    }

    /** Closes every session with close_notify; each reports {@link AgentEvent.Disconnected}. */
    public synchronized void disconnect() {
        reconnection.forget();
        if (endpoint == null) {
            return;
        }
        closeSessions(sessions.peers(), "closed by us");
    }

    /** Ends the sessions with close_notify; closing only queues it on each connection's thread, nothing waits. */
    private void closeSessions(Set<InetSocketAddress> peers, String reason) {
        endSessions(peers, reason, true).forEach(endpoint::close);
    }

    /** Server sessions silent for longer than the idle timeout end, as if the peer had closed them. */
    private synchronized void endIdleServerSessions() {
        if (endpoint == null) {
            return;
        }
        Set<InetSocketAddress> idle = new HashSet<>();
        for (InetSocketAddress peer : endpoint.idleServerSessions(settings.idleTimeout())) {
            if (sessions.isEstablishedServerSession(peer)) {
                idle.add(peer);
            }
        }
        if (!idle.isEmpty()) {
            Duration timeout = settings.idleTimeout();
            closeSessions(idle, "idle for more than " + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s"
                    : timeout.toMillis() + " ms"));
        }
    }

    /**
     * A confirmable request that got no acknowledgement at all: the peer may be gone or restarted (its DTLS
     * state lost), or the link unlucky. A {@link LivenessCheck} tells which; a gone peer's session ends, so
     * that a new {@code connect} works without a disconnect first.
     */
    private synchronized void peerStoppedAnswering(InetSocketAddress peer) {
        Session session = sessions.get(peer);
        if (endpoint != null && session != null && session.established) {
            SecureEndpoint pinged = endpoint;
            liveness.confirm(pinged, peer, reason -> peerGone(pinged, session, reason));
        }
    }

    /** Ends the session the ping was about, if it is still the one open with that peer. */
    private synchronized void peerGone(SecureEndpoint pinged, Session session, String reason) {
        if (endpoint == pinged && sessions.get(session.peer) == session) {
            if (session.clientRole) {
                reconnection.peerLost(session.peer);
            }
            closeSessions(Set.of(session.peer), reason);
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
            afterSessionsEnded();
        }
        for (Session session : removed) {
            emit(new AgentEvent.Disconnected(session.peer, session.clientRole, session.established, reason));
            if (session.clientRole && !session.established && reconnection.isWaiting()) {
                reconnection.failed();
            }
            client.sessionEnded(session.peer);
            if (!session.clientRole) {
                resource.forgetObserver(session.peer);
            }
        }
        notifyAll();
        return ended;
    }

    /**
     * Once the last session is gone: OpenThread's auto-close when the attempts are used up, or credentials
     * set meanwhile take effect. Both run on the event thread, never on the Scandium thread reporting the
     * end, because they wait for Scandium's threads.
     */
    private void afterSessionsEnded() {
        if (endpoint == null) {
            return;
        }
        if (maxAttempts > 0 && attempts >= maxAttempts) {
            events.afterEvents(this::stop);
        } else if (credentialsChanged) {
            events.afterEvents(this::applyChangedCredentialsNow);
        }
    }

    private synchronized void applyChangedCredentialsNow() {
        try {
            applyChangedCredentials();
        } catch (AgentException e) {
            LOGGER.warn("new credentials could not be applied, the agent is closed: {}", e.getMessage());
        }
    }

    /** Scandium's view of sessions, applied to the agent's; events from a replaced endpoint are ignored. */
    private final class SessionEvents implements DtlsSessionEvents {

        @Override
        public void handshakeStarted(InetSocketAddress peer, boolean clientRole) {
            synchronized (CoapsAgent.this) {
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
            synchronized (CoapsAgent.this) {
                Session session = sessions.get(peer);
                if (!isCurrent() || session == null) {
                    return;
                }
                session.established = true;
                session.info = new SessionInfo(cipherSuite, peerIdentity);
                emit(new AgentEvent.Connected(peer, session.clientRole, session.info));
                if (session.clientRole) {
                    reconnection.succeeded();
                }
                CoapsAgent.this.notifyAll();
            }
        }

        @Override
        public void sessionMoved(InetSocketAddress from, InetSocketAddress to, boolean clientRole) {
            synchronized (CoapsAgent.this) {
                if (!isCurrent() || sessions.move(from, to) == null) {
                    return;
                }
                emit(new AgentEvent.SessionMoved(from, to, clientRole));
                // Californium keeps observers by address: one that moved registers again from where it is.
                resource.forgetObserver(from);
            }
        }

        @Override
        public void sessionEnded(InetSocketAddress peer, boolean clientRole, String reason) {
            synchronized (CoapsAgent.this) {
                if (!isCurrent() || sessions.get(peer) == null) {
                    return;
                }
                endSessions(Set.of(peer), reason, true);
            }
        }

        private boolean isCurrent() {
            return endpoint != null && endpoint.events() == this;
        }
    }

    // ---- requests --------------------------------------------------------------------------------

    /**
     * Sends a request on the open session: to the client session's peer, or else to the only server
     * session's peer. A GET or a confirmable request reports its response or failure; a non-confirmable
     * PUT, POST or DELETE reports nothing.
     */
    public void request(Code method, String uri, boolean confirmable, byte[] payload) throws AgentException {
        request(method, uri, confirmable, payload, RequestOptions.NONE);
    }

    /** A request with options OpenThread's commands do not send (one-shot requests). */
    public synchronized void request(Code method, String uri, boolean confirmable, byte[] payload,
            RequestOptions options) throws AgentException {
        checkRequest(uri, payload);
        boolean tracked = method == Code.GET || confirmable;
        if (!heldForReconnect(peer -> client.send(endpoint, peer, method, uri, confirmable, payload, options), tracked)) {
            client.send(endpoint, requestTarget(), method, uri, confirmable, payload, options);
        }
    }

    /**
     * With {@code --reconnect}, when the client session's peer was lost: shakes hands with it again (once
     * for all requests made meanwhile) and holds the request until the session is up.
     *
     * @param reportsFailure whether the request would report an outcome, so a failed reconnect reports one
     * @return whether the request was held
     */
    private boolean heldForReconnect(Consumer<InetSocketAddress> send, boolean reportsFailure)
            throws AgentException {
        InetSocketAddress lost = reconnection.due();
        Session current = sessions.client();
        if (endpoint == null || lost == null || (current != null && (current.established || !reconnection.isWaiting()))) {
            return false;
        }
        if (current == null) {
            startClientHandshake(lost);
            emit(new AgentEvent.Reconnecting(lost));
        }
        reconnection.hold(() -> send.accept(lost), () -> {
            if (reportsFailure) {
                emit(new AgentEvent.RequestFailed(OtError.ABORT, "not sent: the reconnect to "
                        + Formats.socketAddress(lost) + " failed"));
            }
        });
        return true;
    }

    /** Whether a request with this {@code path[?query]} and payload could be sent: the checks of {@link #request}. */
    public static void checkRequest(String uri, byte[] payload) throws AgentException {
        Checks.uri(uri);
        Checks.body(payload, "the payload");
    }

    /**
     * Observes a resource of the session's peer (RFC 7641), replacing any observation without telling
     * its server, as OpenThread does. The response to the registration is reported like any response,
     * each later notification as {@link AgentEvent.NotificationReceived}.
     */
    public synchronized void observe(String uri, boolean confirmable) throws AgentException {
        Checks.uri(uri);
        if (!heldForReconnect(peer -> client.observe(endpoint, peer, uri, confirmable), true)) {
            client.observe(endpoint, requestTarget(), uri, confirmable);
        }
    }

    /** Ends our observation with a GET with Observe=1; its response is reported like any response. */
    public synchronized void cancelObservation() throws AgentException {
        if (endpoint == null) {
            throw AgentException.detailed(OtError.INVALID_STATE, NOT_STARTED);
        }
        client.cancelObservation(endpoint);
    }

    private InetSocketAddress requestTarget() throws AgentException {
        if (endpoint == null) {
            throw AgentException.detailed(OtError.INVALID_STATE, NOT_STARTED);
        }
        InetSocketAddress peer = sessions.requestTarget();
        if (peer == null) {
            throw AgentException.detailed(OtError.INVALID_STATE, sessions.whyNoRequestTarget());
        }
        return peer;
    }

    private synchronized SessionInfo sessionInfo(InetSocketAddress peer) {
        return sessions.info(peer);
    }

    /**
     * Waits until nothing the user started is still open: no client handshake under way, no request
     * waiting for its response, no liveness ping after a failed one. Scripts use it to run one command
     * after another's outcome.
     *
     * @return false if that did not happen within the timeout
     */
    public synchronized boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!client.nothingOutstanding() || sessions.clientHandshaking() || !liveness.isIdle()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private synchronized void wakeWaiters() {
        notifyAll();
    }

    // ---- resource --------------------------------------------------------------------------------

    public String resourcePath() {
        return resource.path().toString();
    }

    public void setResourcePath(String path) throws AgentException {
        Checks.resourcePath(path);
        resource.setPath(UriPath.parse(path));
    }

    public byte[] content() {
        return resource.content();
    }

    /**
     * Replaces the content and sends every observer a notification.
     *
     * @return the observers notified
     */
    public List<InetSocketAddress> setContent(byte[] content) throws AgentException {
        Checks.body(content, "the content");
        return resource.setContent(content);
    }

    // ---- events ----------------------------------------------------------------------------------

    private void emit(AgentEvent event) {
        events.emit(event);
    }

    /**
     * Waits until every event queued so far has been delivered, so that a shell can print the lines of
     * what already happened before it runs the next command.
     */
    public void awaitQueuedEvents() {
        events.awaitDelivered();
    }

    /** Stops the agent and waits until every event it produced has been delivered. */
    @Override
    public void close() {
        stop();
        timers.shutdownNow();
        events.close();
    }
}
