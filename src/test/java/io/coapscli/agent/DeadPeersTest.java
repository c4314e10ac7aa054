package io.coapscli.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.RawDtlsPeer;
import io.coapscli.testing.TestNode;

/** Peers that vanish without a close_notify are noticed on both sides. */
class DeadPeersTest {

    @Test
    void aClientWhosePeerStopsAnsweringEndsTheSessionAndCanConnectAgainAtOnce() throws Exception {
        // The raw peer completes handshakes and then answers nothing, as a server that lost its state does.
        try (RawDtlsPeer silent = RawDtlsPeer.psk(Loopback.IPV4, "secretPSK", "Client_identity");
                TestNode client = TestNode.on(Loopback.IPV4)) {
            client.connectWithPskTo(silent.port());
            client.expectRun("coaps get r con", "Done");
            client.expectEvent("coaps receive response error 28: ResponseTimeout");
            client.expectEvent("coaps disconnected");
            assertTrue(((AgentEvent.Disconnected) client.lastEvent()).reason().startsWith("the peer stopped answering"),
                    client.lastEvent().toString());
            client.expectRun("coaps isconnected", "no", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + silent.port(), "Done");
            client.expectEvent("coaps connected");
        }
    }

    @Test
    void aNonConfirmableRequestWithoutResponseDoesNotEndTheSession() throws Exception {
        try (RawDtlsPeer silent = RawDtlsPeer.psk(Loopback.IPV4, "secretPSK", "Client_identity");
                TestNode client = TestNode.on(Loopback.IPV4)) {
            client.connectWithPskTo(silent.port());
            client.expectRun("coaps get r", "Done");
            client.expectEvent("coaps receive response error 28: ResponseTimeout");
            client.expectRun("coaps isconnected", "yes", "Done");
        }
    }

    @Test
    void aServerEndsASessionThatStaysSilentPastTheIdleTimeoutButNotABusyOne() throws Exception {
        AgentSettings idleOneSecond = TestNode.FAST.withIdleTimeout(Duration.ofSeconds(1));
        try (TestNode server = TestNode.on(Loopback.IPV6, idleOneSecond); TestNode client = TestNode.on(Loopback.IPV6)) {
            server.expectRun("coaps resource r", "Done");
            TestNode.connectWithPsk(server, client);
            // Busy: a request every 400 ms for two idle timeouts keeps the session.
            for (int i = 0; i < 5; i++) {
                client.expectRun("coaps get r con", "Done");
                client.expectResponse("2.05", "coaps response from 0:0:0:0:0:0:0:1 with payload: 68656c6c6f576f726c6400");
                server.expectEvent("coaps request from 0:0:0:0:0:0:0:1 GET");
                server.expectEvent("coaps response sent");
                Thread.sleep(400);
            }
            client.expectRun("coaps isconnected", "yes", "Done");

            long quietSince = System.nanoTime();
            server.expectEvent("coaps disconnected");
            Duration after = Duration.ofNanos(System.nanoTime() - quietSince);
            assertTrue(((AgentEvent.Disconnected) server.lastEvent()).reason().equals("idle for more than 1 s"),
                    server.lastEvent().toString());
            assertTrue(after.compareTo(Duration.ofMillis(3000)) < 0, "ended " + after + " after the last request");
            client.expectEvent("coaps disconnected"); // the server's close_notify
            server.expectRun("coaps isconnactive", "no", "Done");
        }
    }
}
