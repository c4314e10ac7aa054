package io.coapscli.agent;

/**
 * What a DTLS session negotiated: the cipher suite, and who the peer is (its PSK identity, or its
 * certificate's subject); {@code peerIdentity} is null when the peer showed none.
 */
public record SessionInfo(String cipherSuite, String peerIdentity) {

    /** For events about a session the agent no longer knows. */
    public static final SessionInfo UNKNOWN = new SessionInfo(null, null);
}
