package io.coapscli.agent;

import java.net.InetSocketAddress;

/** Something that happened in the agent, delivered in order to its {@link AgentListener}. */
public sealed interface AgentEvent {

    /** A DTLS handshake completed, in the client or the server role. */
    record Connected(InetSocketAddress peer, boolean clientRole, String cipherSuite) implements AgentEvent {
    }

    /** A session ended, or a handshake failed or timed out; {@code reason} says which, in words. */
    record Disconnected(InetSocketAddress peer, boolean clientRole, String reason) implements AgentEvent {
    }

    /** A response to one of our requests arrived. {@code code} is the CoAP code, e.g. "2.05". */
    record ResponseReceived(InetSocketAddress peer, String code, byte[] payload) implements AgentEvent {
    }

    /** One of our requests ended without a response. */
    record RequestFailed(OtError error) implements AgentEvent {
    }

    /** A request reached the agent's resource. {@code method} is GET, PUT, POST or DELETE. */
    record RequestReceived(InetSocketAddress peer, String method, byte[] payload) implements AgentEvent {
    }

    /** The resource's response went out (first transmission only). */
    record ResponseSent(InetSocketAddress peer, String code) implements AgentEvent {
    }
}
