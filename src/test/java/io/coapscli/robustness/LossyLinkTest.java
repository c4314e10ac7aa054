package io.coapscli.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.Formats;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;
import io.coapscli.testing.UdpRelay;

/**
 * Confirmable requests over a link that loses 20 % of the datagrams each way, handshakes included:
 * every request gets exactly one outcome, each response is matched to its request by the payload the
 * server applied, none is applied twice (Californium's deduplication answers
 * retransmissions from its cache), and the one session lives through the requests the link lost.
 */
class LossyLinkTest {

    private static final int REQUESTS = 300;
    private static final long SEED = 7252;
    private static final String RESPONSE = "coaps response from 127.0.0.1";
    private static final String TIMEOUT = "coaps receive response error 28: ResponseTimeout";
    /** Short timers: a request gives up after 40 ms * (1+2+4+8+16) = 1.24 s; a handshake flight is sent 6 times. */
    private static final AgentSettings LOSSY = AgentSettings.defaults()
            .withCoapTiming(Duration.ofMillis(40), 1.0, 4).withDtlsTiming(Duration.ofMillis(100), 5);

    /**
     * Timers for a link of 20 ms +- 10 ms each way: the first retransmission after 100 to 150 ms, so some
     * come before the acknowledgement of a delayed datagram and the server must recognise them.
     */
    private static final AgentSettings DELAYED = AgentSettings.defaults()
            .withCoapTiming(Duration.ofMillis(100), 1.5, 4).withDtlsTiming(Duration.ofMillis(200), 5);

    @Test
    void everyConfirmableRequestThroughA20PercentLossLinkGetsOneOutcomeAndNoneIsAppliedTwice() throws Exception {
        requestsThrough(new UdpRelay.Faults(0.2, Duration.ZERO, Duration.ZERO, 0), LOSSY, REQUESTS, "lossy link");
    }

    /** What the issue asked of netem (delay 50ms 20ms loss 20% duplicate 1% reorder 5%), scaled to a unit test. */
    @Test
    void overALinkThatAlsoDelaysReordersAndDuplicatesNoRequestIsAppliedTwiceAndTheSessionLives() throws Exception {
        requestsThrough(new UdpRelay.Faults(0.2, Duration.ofMillis(20), Duration.ofMillis(10), 0.01), DELAYED, 200,
                "lossy link with delay 20 ms +- 10 ms (reordering) and 1 % duplicates");
    }

    private static void requestsThrough(UdpRelay.Faults faults, AgentSettings settings, int requests, String link)
            throws Exception {
        long started = System.nanoTime();
        try (TestNode server = TestNode.on(Loopback.IPV4, settings);
                TestNode client = TestNode.on(Loopback.IPV4, settings)) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps start", "Done");
            server.expectRun("coaps resource r", "Done");
            client.expectRun("coaps psk secretPSK Client_identity", "Done");
            client.expectRun("coaps start", "Done");
            try (UdpRelay relay = new UdpRelay(Loopback.IPV4, new InetSocketAddress(Loopback.IPV4, server.port()),
                    faults, SEED)) {
                int handshakes = connect(client, relay);
                Map<String, Integer> applied = new HashMap<>();
                int responses = 0;
                int timeouts = 0;
                for (int i = 0; i < requests; i++) {
                    String payload = hexOf("n" + i);
                    client.expectRun("coaps post r con n" + i, "Done");
                    String outcome = client.nextEvent(TestNode.EVENT_TIMEOUT);
                    // Requests go one at a time: an outcome read while this request still waits is not its own.
                    if (RESPONSE.equals(outcome) && !client.settled(Duration.ZERO)) {
                        fail("request " + i + ": a response came while it was still waiting for its own");
                    }
                    if (RESPONSE.equals(outcome)) {
                        // Matched by payload, not by order: the server must have applied this request's own
                        // payload (a late response to an earlier request would leave it unseen here).
                        awaitApplied(server, payload, applied, i);
                        responses++;
                    } else if (TIMEOUT.equals(outcome)) {
                        // Not even acknowledged after 5 transmissions (about 1 request in 165 here): a ping
                        // follows, the live server answers it, and the session goes on. A `coaps disconnected`
                        // would be the next outcome read, and fail the test.
                        timeouts++;
                        assertTrue(client.settled(TestNode.EVENT_TIMEOUT), "the liveness ping after request " + i
                                + " ended");
                    } else {
                        fail("request " + i + " ended with <" + outcome + ">; then " + client.drainEvents());
                    }
                }
                client.expectRun("coaps isconnected", "yes", "Done");
                assertEquals(1, handshakes, "the session lived through every lost request");
                client.expectRun("coaps get r con", "Done");
                client.expectEvent(RESPONSE + " with payload: " + hexOf("n" + (requests - 1)));
                // A second outcome for any request would be waiting before (or instead of) nothing here.
                assertEquals(List.of(), client.drainEvents(), "events after the last outcome");

                for (String line : server.drainEvents()) {
                    countApplied(line, applied);
                }
                int twice = (int) applied.values().stream().filter(count -> count > 1).count();
                assertEquals(0, twice, "requests applied twice: " + applied);
                assertTrue(applied.size() >= responses, applied.size() + " applied, " + responses + " answered");
                System.out.printf("%s: %d requests, %d responses, %d timeouts, %d handshakes, %d applied, "
                        + "%d applied twice; relay forwarded %d and dropped %d datagrams; %.1f s%n", link, requests,
                        responses,
                        timeouts, handshakes, applied.size(), twice, relay.forwarded(), relay.dropped(),
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }

    /** Reads the server's lines until it reports applying this payload; fails if it never does. */
    private static void awaitApplied(TestNode server, String payload, Map<String, Integer> applied, int request) {
        while (true) {
            String line = server.nextEvent(TestNode.EVENT_TIMEOUT);
            if (line == null) {
                fail("request " + request + " was answered but the server never applied its payload " + payload);
            }
            if (payload.equals(countApplied(line, applied))) {
                return;
            }
        }
    }

    /** Counts a POST the server applied; returns its payload in hex, or null for any other line. */
    private static String countApplied(String line, Map<String, Integer> applied) {
        String prefix = "coaps request from 127.0.0.1 POST with payload: ";
        if (!line.startsWith(prefix)) {
            return null;
        }
        String payload = line.substring(prefix.length());
        applied.merge(payload, 1, Integer::sum);
        return payload;
    }

    private static String hexOf(String text) {
        return Formats.hex(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Connects through the relay, trying again after a handshake the losses defeated; returns the tries. */
    private static int connect(TestNode client, UdpRelay relay) {
        for (int tries = 1; tries <= 5; tries++) {
            client.expectRun("coaps connect 127.0.0.1 " + relay.port(), "Done");
            String outcome = client.nextEvent(TestNode.EVENT_TIMEOUT);
            if ("coaps connected".equals(outcome)) {
                return tries;
            }
            assertEquals("coaps disconnected", outcome);
        }
        throw new AssertionError("no handshake through the relay in 5 tries");
    }
}
