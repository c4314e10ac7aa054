package io.coapscli.coap;

import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/** Californium's CoAP configuration for both agents, plain and secure: the one place it is set. */
public final class CoapConfigs {

    /**
     * Exchanges a peer's duplicates are answered from. A client that follows RFC 7252 (NSTART 1) has one
     * request outstanding, so its retransmission comes before any newer message; 16 still covers a
     * client with 16 in flight. Californium's default, 64, kept 4 times the live heap: young-GC pauses
     * of 45-90 ms under load on one core, against 8-21 ms with 16 (bench/compare.sh, docs/PERFORMANCE.md).
     */
    private static final int DEDUPLICATED_PER_PEER = 16;

    private static final int NOTIFICATIONS_PER_CHECK = 7;

    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private CoapConfigs() {
    }

    /** The CoAP part of an endpoint's configuration; the DTLS layer adds its own to it. */
    public static Configuration forEndpoint(CoapSettings settings) {
        // Never Configuration.getStandard(): it writes a properties file into the working directory.
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.ACK_TIMEOUT, settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        config.set(CoapConfig.ACK_INIT_RANDOM, (float) settings.ackRandomFactor());
        config.set(CoapConfig.MAX_RETRANSMIT, settings.maxRetransmit());
        config.set(CoapConfig.MAX_TRANSMIT_WAIT, settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        // Deduplication keeps the last exchanges of each peer (still at most EXCHANGE_LIFETIME, 247 s), not
        // every exchange of the last 247 s: under sustained load the default held gigabytes and paused for
        // seconds.
        config.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        config.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, DEDUPLICATED_PER_PEER);
        // Block-wise bodies up to the same limit in both roles; above it a 4.13 or a refused response.
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, CoapLimits.MAX_BODY_BYTES);
        // RFC 7641 section 4.5: now and then a notification is confirmable, to learn whether the observer is
        // still there. OpenThread's 6th is (its expect test checks the ACK); Californium counts from 1, so
        // 7 makes its 6th confirmable (its default is the 100th).
        config.set(CoapConfig.NOTIFICATION_CHECK_INTERVAL_COUNT, NOTIFICATIONS_PER_CHECK);
        return config;
    }

    /** What the server side's observe bookkeeping (Californium's ObserveManager) is configured with. */
    public static Configuration forObservers() {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.MAX_SERVER_OBSERVES, CoapLimits.MAX_OBSERVERS);
        return config;
    }
}
