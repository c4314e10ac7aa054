package io.coapscli.dtls;

/**
 * What the DTLS layer, as configured in {@link SecureEndpoint}, can carry; the CoAP layer's limits are
 * {@link io.coapscli.coap.CoapLimits}. The agent checks every argument against these before anything is
 * sent, so a too-large value is refused up front instead of failing in every handshake.
 */
public final class Limits {

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

    private Limits() {
    }
}
