package io.coapscli.agent;

import java.time.Duration;

import org.eclipse.californium.core.network.stack.ReliabilityLayerParameters;

/**
 * OpenThread's {@code coap parameters}: RFC 7252's ACK_TIMEOUT, ACK_RANDOM_FACTOR as a fraction, and
 * MAX_RETRANSMIT, for the requests or the responses of the plain agent.
 */
public record TransmissionParameters(long ackTimeoutMillis, int factorNumerator, int factorDenominator,
        int maxRetransmit) {

    /**
     * Checks the values as OpenThread parses them (a 32-bit timeout, 8-bit factor terms and count, the
     * factor above 1), and what Californium needs besides: a timeout of at least 1 ms that fits its timer,
     * a denominator that is not 0, and at least one retransmission.
     */
    public static TransmissionParameters of(long ackTimeoutMillis, long numerator, long denominator,
            long maxRetransmit) throws AgentException {
        if (numerator > 255 || denominator > 255 || maxRetransmit > 255 || numerator <= denominator) {
            throw AgentException.detailed(OtError.INVALID_ARGS,
                    "ACK_RANDOM_FACTOR's terms and MAX_RETRANSMIT are 0 to 255, and the factor is above 1");
        }
        if (ackTimeoutMillis < 1 || ackTimeoutMillis > Integer.MAX_VALUE || denominator == 0 || maxRetransmit == 0) {
            throw AgentException.detailed(OtError.INVALID_ARGS, "coaps-cli needs ACK_TIMEOUT 1 to " + Integer.MAX_VALUE
                    + " ms, a denominator above 0 and MAX_RETRANSMIT of at least 1");
        }
        return new TransmissionParameters(ackTimeoutMillis, (int) numerator, (int) denominator, (int) maxRetransmit);
    }

    double ackRandomFactor() {
        return (double) factorNumerator / factorDenominator;
    }

    /** MAX_TRANSMIT_WAIT under these parameters: the longest a request waits for its response. */
    Duration responseTimeout() {
        double factor = ((1L << (maxRetransmit + 1)) - 1) * ackRandomFactor();
        return Duration.ofMillis((long) Math.min(Long.MAX_VALUE / 2, ackTimeoutMillis * factor));
    }

    ReliabilityLayerParameters toCalifornium() {
        return ReliabilityLayerParameters.builder().ackTimeout((int) ackTimeoutMillis).maxAckTimeout(Integer.MAX_VALUE)
                .ackRandomFactor((float) ackRandomFactor()).ackTimeoutScale(2f).maxRetransmit(maxRetransmit).nstart(1)
                .build();
    }

    /** OpenThread's line: {@code ACK_TIMEOUT=1000 ms, ACK_RANDOM_FACTOR=255/254, MAX_RETRANSMIT=2}. */
    public String line() {
        return "ACK_TIMEOUT=" + ackTimeoutMillis + " ms, ACK_RANDOM_FACTOR=" + factorNumerator + "/" + factorDenominator
                + ", MAX_RETRANSMIT=" + maxRetransmit;
    }
}
