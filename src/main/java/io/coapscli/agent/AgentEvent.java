package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.time.Duration;

/** Something that happened in the agent, delivered in order to its {@link AgentListener}. */
public sealed interface AgentEvent {

    /** A DTLS handshake completed, in the client or the server role. */
    record Connected(InetSocketAddress peer, boolean clientRole, SessionInfo session) implements AgentEvent {
    }

    /**
     * A session ended, or a handshake failed or timed out ({@code wasEstablished} false); {@code reason}
     * says why, in words.
     */
    record Disconnected(InetSocketAddress peer, boolean clientRole, boolean wasEstablished, String reason)
            implements AgentEvent {
    }

    /**
     * With {@code --reconnect}: our session's peer stopped answering earlier, and a request now shakes
     * hands with it again before it is sent; {@link Connected} or {@link Disconnected} follows.
     */
    record Reconnecting(InetSocketAddress peer) implements AgentEvent {
    }

    /**
     * With Connection IDs (RFC 9146), the peer's records now come from another address, and the session
     * went on there: a NAT rebinding that would otherwise have ended it.
     */
    record SessionMoved(InetSocketAddress from, InetSocketAddress to, boolean clientRole) implements AgentEvent {
    }

    /** A response to one of our requests arrived, {@code roundTrip} after the request was sent. */
    record ResponseReceived(InetSocketAddress peer, CoapMessage message, Duration roundTrip, SessionInfo session)
            implements AgentEvent {
        /** The payload, as OpenThread's line prints it. */
        public byte[] payload() {
            return message.payload();
        }

        /** The CoAP code, e.g. "2.05". */
        public String code() {
            return message.code();
        }
    }

    /** A notification of the resource we observe, after the response to the registration (RFC 7641). */
    record NotificationReceived(InetSocketAddress peer, CoapMessage message, SessionInfo session)
            implements AgentEvent {
        public byte[] payload() {
            return message.payload();
        }
    }

    /** One of our requests ended without a response. */
    record RequestFailed(OtError error, String reason) implements AgentEvent {
    }

    /** A request reached the agent's resource. {@code method} is GET, PUT, POST or DELETE. */
    record RequestReceived(InetSocketAddress peer, String method, CoapMessage message, SessionInfo session)
            implements AgentEvent {
        public byte[] payload() {
            return message.payload();
        }
    }

    /**
     * One block of a block-wise transfer (RFC 7959) went out: of an upload of ours, or of the resource's
     * random blocks. {@code number} is OpenThread's: the block's position divided by its length.
     */
    record BlockSent(int number, byte[] block) implements AgentEvent {
    }

    /** One block of a block-wise transfer arrived: of a response to our GET, or of an upload to the resource. */
    record BlockReceived(int number, byte[] block) implements AgentEvent {
    }

    /** The resource's response went out (first transmission only). */
    record ResponseSent(InetSocketAddress peer, CoapMessage message) implements AgentEvent {
    }

    /** A GET with Observe=0 made the peer an observer of the resource (RFC 7641). */
    record ObserverAdded(InetSocketAddress peer) implements AgentEvent {
    }

    /**
     * The peer observes the resource no more: it cancelled, answered a notification with a Reset, never
     * acknowledged a confirmable one, its session ended, or the resource moved.
     */
    record ObserverRemoved(InetSocketAddress peer) implements AgentEvent {
    }

    /** A peer changed the content, and this observer is being sent a notification. */
    record NotifyingObserver(InetSocketAddress peer) implements AgentEvent {
    }

    /** The observer acknowledged a confirmable notification. */
    record NotificationAcknowledged(InetSocketAddress peer) implements AgentEvent {
    }

    /** A confirmable notification was not delivered; the observer is removed next. */
    record NotificationFailed(InetSocketAddress peer, OtError error, String reason) implements AgentEvent {
    }
}
