package io.coapscli.dtls;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.elements.util.ClockUtil;
import org.eclipse.californium.scandium.ConnectionListener;
import org.eclipse.californium.scandium.dtls.ClientHandshaker;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.DTLSSession;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.ServerHandshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;

/**
 * Turns Scandium's handshake and connection callbacks into {@link DtlsSessionEvents}.
 * <p>
 * Handshakes report themselves through the session listener. An established session that ends is
 * noticed by state instead: after every job Scandium runs for a connection we look whether the peer
 * closed it (close_notify marks the context closed), and a removed connection (fatal alert, eviction)
 * is reported by the connection store. Scandium's alert handler is not used for this because it reports
 * only the first alert a connection ever sees.
 */
final class SessionTracker extends SessionAdapter implements ConnectionListener {

    private record Tracked(InetSocketAddress peer, boolean clientRole) {
    }

    private final DtlsSessionEvents events;
    /** With Connection IDs a session follows its peer to a new address (RFC 9146); without, it never moves. */
    private final boolean addressesMayChange;
    private final KeyLog keyLog;
    /** Established connections, by identity: Connection's equals and hashCode follow its mutable state. */
    private final Map<Connection, Tracked> established = new IdentityHashMap<>();

    /** Lets go of a connection that closed (the connector's); null until set. */
    private volatile Consumer<Connection> closed;

    /** Ends a handshake with an alert (the connector's); null until set. */
    private volatile BiConsumer<Connection, HandshakeException> wrongPsk;

    /** @param keyLog where each session's secret goes for Wireshark; null for nowhere */
    SessionTracker(DtlsSessionEvents events, boolean addressesMayChange, KeyLog keyLog) {
        this.events = events;
        this.addressesMayChange = addressesMayChange;
        this.keyLog = keyLog;
    }

    @Override
    public void handshakeStarted(Handshaker handshaker) {
        synchronized (established) {
            established.remove(handshaker.getConnection());
        }
        events.handshakeStarted(handshaker.getPeerAddress(), isClient(handshaker));
    }

    @Override
    public void contextEstablished(Handshaker handshaker, DTLSContext context) {
        Tracked tracked = new Tracked(handshaker.getPeerAddress(), isClient(handshaker));
        synchronized (established) {
            established.put(handshaker.getConnection(), tracked);
        }
        DTLSSession session = context.getSession();
        if (keyLog != null) {
            keyLog.record(handshaker.getClientRandom().getBytes(), session);
        }
        events.sessionEstablished(tracked.peer(), tracked.clientRole(), session.getCipherSuite().name(),
                identityOf(session.getPeerIdentity()));
    }

    @Override
    public void handshakeFailed(Handshaker handshaker, Throwable error) {
        Connection connection = handshaker.getConnection();
        synchronized (established) {
            if (established.containsKey(connection) && connection.hasEstablishedDtlsContext()) {
                // The session itself survives (e.g. a late duplicate flight); it ends, if at all, by state.
                return;
            }
            established.remove(connection);
        }
        events.sessionEnded(handshaker.getPeerAddress(), isClient(handshaker), error instanceof NobodyListening
                ? error.getMessage() : "handshake failed: " + HandshakeFailures.describe(error));
    }

    @Override
    public void afterExecution(Connection connection) {
        if (addressesMayChange) {
            noticeMove(connection);
        }
        if (connection.hasEstablishedDtlsContext() && !connection.isClosed()) {
            return; // the common case, after every record: nothing ended, and no lock taken
        }
        Tracked ended;
        synchronized (established) {
            ended = established.get(connection) != null && connection.isClosed() ? established.remove(connection) : null;
        }
        if (connection.isClosed() && !connection.hasOngoingHandshake() && closed != null) {
            // Ended with close_notify, from either side: nothing is kept for a resumption nobody asks for.
            closed.accept(connection);
        }
        if (ended != null) {
            events.sessionEnded(ended.peer(), ended.clientRole(), "closed by the peer (close_notify)");
        }
    }

    /** A record with the session's Connection ID came from a new address, and Scandium moved the session there. */
    private void noticeMove(Connection connection) {
        InetSocketAddress now = connection.getPeerAddress();
        Tracked before;
        synchronized (established) {
            before = established.get(connection);
            if (before == null || now == null || now.equals(before.peer())) {
                return;
            }
            established.put(connection, new Tracked(now, before.clientRole()));
        }
        // Outside the lock: the agent calls back into this tracker under its own lock.
        events.sessionMoved(before.peer(), now, before.clientRole());
    }

    @Override
    public void onConnectionRemoved(Connection connection) {
        Tracked ended;
        synchronized (established) {
            ended = established.remove(connection);
        }
        if (ended != null) {
            events.sessionEnded(ended.peer(), ended.clientRole(), "ended by a fatal alert or eviction");
        }
    }

    /** Established server-role sessions whose last record, in or out, is older than {@code idleNanos}. */
    List<InetSocketAddress> idleServerSessions(long idleNanos) {
        long now = ClockUtil.nanoRealtime();
        synchronized (established) {
            return established.entrySet().stream()
                    .filter(entry -> !entry.getValue().clientRole() && now - entry.getKey().getLastMessageNanos() > idleNanos)
                    .map(entry -> entry.getValue().peer()).toList();
        }
    }

    /** How a connection that closed is let go of: the connector drops it and its session. */
    void onClosed(Consumer<Connection> release) {
        this.closed = release;
    }

    /** How a handshake with a client whose PSK is not ours is ended: the connector's way of failing one. */
    void onWrongPsk(BiConsumer<Connection, HandshakeException> ending) {
        this.wrongPsk = ending;
    }


    /** Forget a session we closed ourselves, so that the peer's answering close_notify reports nothing. */
    void forget(InetSocketAddress peer) {
        synchronized (established) {
            established.values().removeIf(tracked -> tracked.peer().equals(peer));
        }
    }

    private static boolean isClient(Handshaker handshaker) {
        return handshaker instanceof ClientHandshaker;
    }

    private static String identityOf(Principal principal) {
        if (principal instanceof PreSharedKeyIdentity psk) {
            return psk.getIdentity();
        }
        if (principal instanceof X509CertPath path) {
            return path.getTarget().getSubjectX500Principal().getName();
        }
        return principal == null ? null : principal.getName();
    }

    @Override
    public void onConnectionEstablished(Connection connection) {
    }

    @Override
    public boolean onConnectionUpdatesSequenceNumbers(Connection connection, boolean writeSequenceNumber) {
        return false;
    }

    /**
     * A record of the client's that does not decrypt, in a PSK handshake we serve, after its
     * ChangeCipherSpec: its Finished, sealed with a key from another PSK. DTLS drops such records silently,
     * and the client would wait out its whole retransmission schedule (31 s); a fatal alert tells it at once.
     */
    @Override
    public boolean onConnectionMacError(Connection connection) {
        Handshaker handshaker = connection.getOngoingHandshake();
        if (wrongPsk != null && handshaker instanceof ServerHandshaker && !connection.hasEstablishedDtlsContext()
                && handshaker.getDtlsContext().getReadEpoch() > 0
                && handshaker.getSession().getCipherSuite().isPskBased()) {
            wrongPsk.accept(connection, new HandshakeException("the client's Finished does not decrypt with our PSK: "
                    + "wrong PSK or identity?", new AlertMessage(AlertLevel.FATAL, AlertDescription.DECRYPT_ERROR)));
        }
        return false;
    }

    @Override
    public void beforeExecution(Connection connection) {
    }

    @Override
    public void updateExecution(Connection connection) {
    }
}
