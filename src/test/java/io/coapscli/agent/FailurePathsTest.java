package io.coapscli.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.RawDtlsPeer;
import io.coapscli.testing.TestNode;

/** What a user sees when things go wrong: the failure line, and an agent that stays usable. */
class FailurePathsTest {

    @Test
    void wrongPskEndsInDisconnectedAndTheAgentStaysUsable() {
        try (TestNode server = TestNode.on(Loopback.IPV6); TestNode client = TestNode.on(Loopback.IPV6)) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps start", "Done");
            client.expectRun("coaps psk wrongPSK Client_identity", "Done");
            client.expectRun("coaps start", "Done");

            client.expectRun("coaps connect ::1 " + server.port(), "Done");
            client.expectEvent("coaps disconnected");
            client.expectRun("coaps isclosed", "no", "Done");
            client.expectRun("coaps isconnactive", "no", "Done");
            server.expectRun("coaps isclosed", "no", "Done");

            client.expectRun("coaps psk secretPSK Client_identity", "Done");
            client.expectRun("coaps connect ::1 " + server.port(), "Done");
            client.expectEvent("coaps connected");
            server.expectEvent("coaps connected");
        }
    }

    @Test
    void connectWhereNothingListensEndsInDisconnectedWithinTheHandshakeTimeout() throws Exception {
        int silentPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(Loopback.IPV4, 0))) {
            silentPort = probe.getLocalPort();
        }
        try (TestNode client = TestNode.on(Loopback.IPV4)) {
            client.expectRun("coaps psk secretPSK Client_identity", "Done");
            client.expectRun("coaps start", "Done");
            long started = System.nanoTime();
            client.expectRun("coaps connect 127.0.0.1 " + silentPort, "Done");
            client.expectRun("coaps isconnactive", "yes", "Done");
            client.expectEvent("coaps disconnected");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Duration bound = TestNode.FAST.handshakeTimeout().plusSeconds(2);
            assertTrue(took.compareTo(bound) <= 0, "gave up after " + took + ", bound " + bound);
            client.expectRun("coaps isconnactive", "no", "Done");
            client.expectRun("coaps isclosed", "no", "Done");
        }
    }

    @Test
    void stopWithOpenSessionsDisconnectsBothSidesAndClosesTheAgent() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            TestNode.connectWithPsk(server, client);
            client.expectRun("coaps stop", "Done");
            client.expectEvent("coaps disconnected");
            server.expectEvent("coaps disconnected");
            client.expectRun("coaps isclosed", "yes", "Done");
            server.expectRun("coaps isconnactive", "no", "Done");
            client.expectRun("coaps get test", "Error 13: InvalidState");

            // Content and credentials survive the restart: the node reconnects and serves as before.
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
            client.expectEvent("coaps connected");
            server.expectEvent("coaps connected");
            server.expectRun("coaps stop", "Done");
            server.expectEvent("coaps disconnected");
            client.expectEvent("coaps disconnected");
        }
    }

    @Test
    void disconnectAbortsTheOutstandingRequest() throws Exception {
        try (RawDtlsPeer silent = RawDtlsPeer.psk(Loopback.IPV4, "secretPSK", "Client_identity");
                TestNode client = TestNode.on(Loopback.IPV4, AgentSettings.defaults())) {
            client.connectWithPskTo(silent.port());
            client.expectRun("coaps get test-resource con", "Done");
            client.expectRun("coaps disconnect", "Done");
            client.expectEvent("coaps disconnected");
            client.expectEvent("coaps receive response error 11: Abort");
        }
    }
}
