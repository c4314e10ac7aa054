package io.coapscli.dtls;

import java.net.InetSocketAddress;

/** What the DTLS layer tells the agent about sessions, in plain terms (no Scandium types). */
public interface DtlsSessionEvents {

    /** A handshake began: we connect ({@code clientRole}) or a peer's ClientHello passed the cookie exchange. */
    void handshakeStarted(InetSocketAddress peer, boolean clientRole);

    /**
     * The handshake finished on our side; the session can carry CoAP.
     *
     * @param peerIdentity the peer's PSK identity or certificate subject; null if it showed none
     */
    void sessionEstablished(InetSocketAddress peer, boolean clientRole, String cipherSuite, String peerIdentity);

    /**
     * With Connection IDs (RFC 9146), the peer's records now come from another address (a NAT rebinding,
     * say), and the session goes on there.
     */
    void sessionMoved(InetSocketAddress from, InetSocketAddress to, boolean clientRole);

    /** The handshake failed or timed out, or an established session ended (close_notify, fatal alert, eviction). */
    void sessionEnded(InetSocketAddress peer, boolean clientRole, String reason);
}
