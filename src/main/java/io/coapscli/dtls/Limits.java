package io.coapscli.dtls;

/**
 * What the CoAP and DTLS layers, as configured in {@link SecureEndpoint}, can carry. The agent checks
 * every argument against these before anything is sent, so a too-large value is refused up front
 * instead of failing later inside Californium or in every handshake.
 */
public final class Limits {

    /** RFC 7252 section 5.10: a Uri-Path or Uri-Query option value is 0 to 255 bytes. */
    public static final int MAX_URI_SEGMENT_BYTES = 255;

    /**
     * A request's path and query together. Options are never split into blocks: they travel in every
     * datagram of a transfer beside a 512-byte block, which stays under 2 KB this way, far inside the
     * 16 KB a DTLS record carries.
     */
    public static final int MAX_URI_BYTES = 1024;

    /**
     * The largest body a request or a response carries, block-wise (RFC 7959), the same in both roles:
     * Californium's MAX_RESOURCE_BODY_SIZE (default 8192), raised for a test tool.
     */
    public static final int MAX_BODY_BYTES = 65536;

    /**
     * The largest handshake message Scandium reassembles from fragments: its
     * DTLS_MAX_FRAGMENTED_HANDSHAKE_MESSAGE_LENGTH, kept at its default as a bound on memory per handshake.
     */
    static final int MAX_HANDSHAKE_MESSAGE_BYTES = 8192;

    /** The PSK identity travels in the ClientKeyExchange message behind a 2-byte length. */
    public static final int MAX_PSK_IDENTITY_BYTES = MAX_HANDSHAKE_MESSAGE_BYTES - 2;

    /**
     * Scandium builds the PSK premaster secret (RFC 4279 section 2) with 16-bit lengths and refuses a
     * key of 65535 bytes; RFC 4279 allows up to 65535.
     */
    public static final int MAX_PSK_KEY_BYTES = 65534;

    /**
     * Observe relations the server keeps at once, over all peers (Californium's MAX_SERVER_OBSERVES,
     * default 50,000): each one holds an exchange, and a peer could register a new token every message.
     */
    public static final int MAX_OBSERVERS = 1000;

    private Limits() {
    }
}
