package io.coapscli.coap;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * An endpoint's socket and RFC 7252 transmission parameters.
 *
 * @param bindAddress local UDP address; port 0 picks a free port
 * @param ackTimeout ACK_TIMEOUT (2 s)
 * @param ackRandomFactor ACK_RANDOM_FACTOR (1.5)
 * @param maxRetransmit MAX_RETRANSMIT (4)
 */
public record CoapSettings(InetSocketAddress bindAddress, Duration ackTimeout, double ackRandomFactor,
        int maxRetransmit) {

    /**
     * MAX_TRANSMIT_WAIT: the longest a request waits for its response (93 s by default), after which it
     * ends with ResponseTimeout.
     */
    public Duration responseTimeout() {
        double factor = ((1L << (maxRetransmit + 1)) - 1) * ackRandomFactor;
        return Duration.ofMillis(Math.round(ackTimeout.toMillis() * factor));
    }
}
