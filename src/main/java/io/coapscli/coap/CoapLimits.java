package io.coapscli.coap;

/**
 * What the CoAP layer, as {@link CoapConfigs} configures Californium, can carry. The agents check every
 * argument against these before anything is sent, so a too-large value is refused up front instead of
 * failing later inside Californium.
 */
public final class CoapLimits {

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
     * Observe relations the server keeps at once, over all peers (Californium's MAX_SERVER_OBSERVES,
     * default 50,000): each one holds an exchange, and a peer could register a new token every message.
     */
    public static final int MAX_OBSERVERS = 1000;

    private CoapLimits() {
    }
}
