package io.coapscli.agent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import io.coapscli.coap.CoapSettings;
import io.coapscli.dtls.DtlsSettings;

/**
 * Every address and timing knob of the agent, each with its RFC default. Tests shorten the timers so
 * that failure paths finish quickly; the CLI reference documents the defaults.
 *
 * @param bindAddress local UDP address {@code coaps start} binds; port 0 picks a free port
 * @param ackTimeout RFC 7252 ACK_TIMEOUT (2 s)
 * @param ackRandomFactor RFC 7252 ACK_RANDOM_FACTOR (1.5)
 * @param maxRetransmit RFC 7252 MAX_RETRANSMIT (4)
 * @param dtlsRetransmissionTimeout RFC 6347 section 4.2.4.1 initial retransmission timer (1 s), doubled per try
 * @param dtlsMaxRetransmissions retransmissions of a handshake flight before the handshake fails (4)
 * @param idleTimeout a server session from which nothing came for this long ends (300 s, libcoap's
 *            session timeout); zero keeps idle server sessions forever
 * @param connectionIdLength RFC 9146 DTLS Connection ID: null for none (the default, as OpenThread),
 *            0 to use the peer's CID without asking for one, 1 to 16 to ask peers to send this many bytes
 * @param keyLog file to append each session's NSS key-log line to, for Wireshark; null for none
 * @param reconnect after a client session's peer stopped answering, the next request shakes hands with
 *            it again first ({@code --reconnect}); off, as in OpenThread
 * @param coapPort local UDP port the plain agent's {@code coap start} binds, on the same address (5683)
 */
public record AgentSettings(
        InetSocketAddress bindAddress,
        Duration ackTimeout,
        double ackRandomFactor,
        int maxRetransmit,
        Duration dtlsRetransmissionTimeout,
        int dtlsMaxRetransmissions,
        Duration idleTimeout,
        Integer connectionIdLength,
        Path keyLog,
        boolean reconnect,
        int coapPort) {

    /** IANA port for coaps (RFC 7252 section 12.7). */
    public static final int DEFAULT_PORT = 5684;

    public static AgentSettings defaults() {
        return new AgentSettings(new InetSocketAddress(DEFAULT_PORT), Duration.ofSeconds(2), 1.5, 4,
                Duration.ofSeconds(1), 4, Duration.ofSeconds(300), null, null, false, CoapAgent.DEFAULT_PORT);
    }

    public AgentSettings withBindAddress(InetAddress address, int port) {
        InetSocketAddress bind = address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
        return new AgentSettings(bind, ackTimeout, ackRandomFactor, maxRetransmit, dtlsRetransmissionTimeout,
                dtlsMaxRetransmissions, idleTimeout, connectionIdLength, keyLog, reconnect, coapPort);
    }

    public AgentSettings withCoapTiming(Duration ackTimeout, double ackRandomFactor, int maxRetransmit) {
        return new AgentSettings(bindAddress, ackTimeout, ackRandomFactor, maxRetransmit, dtlsRetransmissionTimeout,
                dtlsMaxRetransmissions, idleTimeout, connectionIdLength, keyLog, reconnect, coapPort);
    }

    public AgentSettings withDtlsTiming(Duration retransmissionTimeout, int maxRetransmissions) {
        return new AgentSettings(bindAddress, ackTimeout, ackRandomFactor, maxRetransmit, retransmissionTimeout,
                maxRetransmissions, idleTimeout, connectionIdLength, keyLog, reconnect, coapPort);
    }

    public AgentSettings withIdleTimeout(Duration idleTimeout) {
        return new AgentSettings(bindAddress, ackTimeout, ackRandomFactor, maxRetransmit, dtlsRetransmissionTimeout,
                dtlsMaxRetransmissions, idleTimeout, connectionIdLength, keyLog, reconnect, coapPort);
    }

    public AgentSettings withConnectionId(Integer length) {
        return new AgentSettings(bindAddress, ackTimeout, ackRandomFactor, maxRetransmit, dtlsRetransmissionTimeout,
                dtlsMaxRetransmissions, idleTimeout, length, keyLog, reconnect, coapPort);
    }

    public AgentSettings withKeyLog(Path file) {
        return new AgentSettings(bindAddress, ackTimeout, ackRandomFactor, maxRetransmit, dtlsRetransmissionTimeout,
                dtlsMaxRetransmissions, idleTimeout, connectionIdLength, file, reconnect, coapPort);
    }

    public AgentSettings withCoapPort(int port) {
        return new AgentSettings(bindAddress, ackTimeout, ackRandomFactor, maxRetransmit, dtlsRetransmissionTimeout,
                dtlsMaxRetransmissions, idleTimeout, connectionIdLength, keyLog, reconnect, port);
    }

    /** The plain agent's settings: the same address and timing, its own port. */
    public AgentSettings forPlainAgent() {
        return withBindAddress(bindAddress.getAddress().isAnyLocalAddress() ? null : bindAddress.getAddress(), coapPort);
    }

    public AgentSettings withReconnect(boolean on) {
        return new AgentSettings(bindAddress, ackTimeout, ackRandomFactor, maxRetransmit, dtlsRetransmissionTimeout,
                dtlsMaxRetransmissions, idleTimeout, connectionIdLength, keyLog, on, coapPort);
    }

    /**
     * RFC 7252 MAX_TRANSMIT_WAIT: the longest a request waits for its response (93 s by default), after
     * which it ends with ResponseTimeout.
     */
    public Duration responseTimeout() {
        return coap().responseTimeout();
    }

    /** What the CoAP layer takes of these. */
    public CoapSettings coap() {
        return new CoapSettings(bindAddress, ackTimeout, ackRandomFactor, maxRetransmit);
    }

    /** What the DTLS layer takes of these. */
    public DtlsSettings dtls() {
        return new DtlsSettings(coap(), dtlsRetransmissionTimeout, dtlsMaxRetransmissions, connectionIdLength, keyLog);
    }

    /** The longest a handshake can take before it fails: every flight timer, doubled each time (31 s by default). */
    public Duration handshakeTimeout() {
        return dtlsRetransmissionTimeout.multipliedBy((1L << (dtlsMaxRetransmissions + 1)) - 1);
    }
}
