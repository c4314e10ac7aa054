package io.coapscli.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.coap.CoAP.Code;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coapscli.dtls.Credentials;
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
    private final AgentCore core;
    private final AgentResource resource;
    private final ClientRequests client;
    private final SessionControl control;

    // Guarded by this.
    private Credentials credentials;
    private boolean credentialsChanged;
    private SecureEndpoint endpoint;
    private InetSocketAddress boundAddress;
    private boolean verifyPeer;
    private int maxAttempts;
    private final Sessions sessions;

    public CoapsAgent(AgentSettings settings, AgentListener listener) {
        this.settings = settings;
        this.control = new SessionControl(this, new ControlledAgent(), settings.reconnect());
        this.sessions = control.sessions();
        this.core = new AgentCore(this, "coaps-agent-timers", settings, listener, AgentResource.Rules.SECURE,
                this::sessionInfo, control::peerStoppedAnswering);
        this.resource = core.resource;
        this.client = core.client;
        if (!settings.idleTimeout().isZero()) {
            long period = Math.max(10, Math.min(1000, settings.idleTimeout().toMillis() / 2));
            core.timers.scheduleWithFixedDelay(() -> control.endIdleServerSessions(settings.idleTimeout()), period, period,
                    TimeUnit.MILLISECONDS);
        }
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
        control.started();
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
            open = control.endAll("closed by us");
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
                address.getPort()).dtls(), credentials, verifyPeer, control.new ScandiumEvents());
        core.attach(created);
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
        control.forgetLostPeer();
        control.startClientHandshake(endpoint, peer);
    }

    /** Closes every session with close_notify; each reports {@link AgentEvent.Disconnected}. */
    public synchronized void disconnect() {
        control.forgetLostPeer();
        if (endpoint == null) {
            return;
        }
        control.closeSessions(endpoint, sessions.peers(), "closed by us");
    }

    private synchronized void applyChangedCredentialsNow() {
        try {
            applyChangedCredentials();
        } catch (AgentException e) {
            LOGGER.warn("new credentials could not be applied, the agent is closed: {}", e.getMessage());
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
        if (!control.heldForReconnect(endpoint,
                peer -> client.send(endpoint, peer, method, uri, confirmable, payload, options), tracked)) {
            client.send(endpoint, requestTarget(), method, uri, confirmable, payload, options);
        }
    }

    /**
     * OpenThread's block-wise request on the open session: a GET with Block2 of this size, each block
     * reported as it arrives, or a PUT or POST of the block count's random blocks with Block1, each
     * reported as it goes but the first, which is returned: OpenThread prints it before the command's Done.
     *
     * @param count sets the block count OpenThread shares between uploads and the resource; null keeps it
     * @return the first block of an upload; null for a GET, and for an upload held for a reconnect
     */
    public synchronized byte[] requestBlockwise(Code method, String uri, int szx, Long count) throws AgentException {
        checkRequest(uri, new byte[0]);
        int blocks = Blocks.blockCount(resource, count, szx, method);
        byte[] body = method == Code.GET ? null : Blocks.randomBody(blocks, szx);
        Consumer<InetSocketAddress> send = peer -> {
            if (body == null) {
                client.getBlockwise(endpoint, peer, uri, szx);
            } else {
                client.upload(endpoint, peer, method, uri, szx, body);
            }
        };
        InetSocketAddress target = control.heldForReconnect(endpoint, send, true) ? null : requestTarget();
        if (count != null) {
            resource.setBlockCount(blocks);
        }
        if (target == null) {
            return null;
        }
        send.accept(target);
        return body == null ? null : Blocks.firstBlock(body, szx);
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
        if (!control.heldForReconnect(endpoint, peer -> client.observe(endpoint, peer, uri, confirmable), true)) {
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
        return AgentCore.awaitUnderLock(this, timeout, () -> client.nothingOutstanding() && control.isSettled());
    }

    // ---- resource --------------------------------------------------------------------------------

    /** The resource this agent serves. */
    public ServedResource resource() {
        return core.served;
    }

    /** What the session control needs of the agent; called under the agent's lock. */
    private final class ControlledAgent implements SessionControl.Agent {

        @Override
        public SecureEndpoint endpoint() {
            return endpoint;
        }

        @Override
        public void emit(AgentEvent event) {
            CoapsAgent.this.emit(event);
        }

        @Override
        public void sessionEnded(Session session) {
            client.sessionEnded(session.peer);
            if (!session.clientRole) {
                resource.forgetObserver(session.peer);
            }
        }

        @Override
        public void observerMoved(InetSocketAddress from) {
            resource.forgetObserver(from);
        }

        /**
         * OpenThread's auto-close when the attempts are used up, or credentials set meanwhile take effect.
         * Both run on the event thread, never on the Scandium thread reporting the end, because they wait
         * for Scandium's threads.
         */
        @Override
        public void lastSessionEnded(int attempts) {
            if (endpoint == null) {
                return;
            }
            if (maxAttempts > 0 && attempts >= maxAttempts) {
                core.events.afterEvents(CoapsAgent.this::stop);
            } else if (credentialsChanged) {
                core.events.afterEvents(CoapsAgent.this::applyChangedCredentialsNow);
            }
        }
    }

    // ---- events ----------------------------------------------------------------------------------

    private void emit(AgentEvent event) {
        core.emit(event);
    }

    /**
     * Waits until every event queued so far has been delivered, so that a shell can print the lines of
     * what already happened before it runs the next command.
     */
    public void awaitQueuedEvents() {
        core.events.awaitDelivered();
    }

    /** Stops the agent and waits until every event it produced has been delivered. */
    @Override
    public void close() {
        stop();
        core.close();
    }
}
