package io.coapscli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.RawDtlsPeer;
import io.coapscli.testing.TestNode;
import io.coapscli.testing.UdpRelay;

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
            assertTrue(((AgentEvent.Disconnected) client.lastEvent()).reason().equals("the peer stopped answering: neither "
                    + "a confirmable request nor a CoAP ping was acknowledged"),
                    client.lastEvent().toString());
            client.expectRun("coaps isconnected", "no", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + silent.port(), "Done");
            client.expectEvent("coaps connected");
        }
    }

    @Test
    void aRequestLostOnALiveLinkFailsButTheSessionStaysBecauseThePeerAnswersAPing() throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            UdpRelay link = connectedThroughALink(server, client);
            server.expectEvent("coaps connected");

            link.cut(true); // every transmission of the request is lost
            client.expectRun("coaps get r con", "Done");
            client.expectEvent("coaps receive response error 28: ResponseTimeout");
            // The ping was out before the outcome was reported: a script waiting to settle waits for it too.
            assertFalse(client.settled(Duration.ZERO), "the liveness ping is out when the timeout is read");
            link.cut(false); // the link is back while the ping is retransmitted
            client.expectRun("coaps get r con", "Done");
            client.expectEvent("coaps response from 127.0.0.1 with payload: 68656c6c6f576f726c6400");
            client.expectRun("coaps isconnected", "yes", "Done");
            assertEquals(List.of(), client.drainEvents(), "no coaps disconnected");
            link.close();
        }
    }

    @Test
    void withReconnectTheNextRequestShakesHandsWithALostPeerAgainAndIsSentOnTheNewSession() throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV4);
                TestNode client = reconnectingClient()) {
            UdpRelay link = connectedThroughALink(server, client);

            loseThePeer(client, link);
            link.cut(false);
            client.expectRun("coaps get r con", "Done");
            client.expectEvent("coaps reconnecting to 127.0.0.1:" + link.port());
            client.expectEvent("coaps connected");
            client.expectEvent("coaps response from 127.0.0.1 with payload: 68656c6c6f576f726c6400");

            // After a disconnect of the user's own, nothing is lost: no reconnect, OpenThread's InvalidState.
            client.expectRun("coaps disconnect", "Done");
            client.expectEvent("coaps disconnected");
            client.expectRun("coaps get r con", "Error 13: InvalidState");
            link.close();
        }
    }

    @Test
    void withReconnectARequestWhoseReconnectFailsEndsWithAbortAndTheNextOneTriesAgain() throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV4);
                TestNode client = reconnectingClient()) {
            UdpRelay link = connectedThroughALink(server, client);
            loseThePeer(client, link);

            client.expectRun("coaps get r con", "Done"); // still down: the handshake times out
            client.expectEvent("coaps reconnecting to 127.0.0.1:" + link.port());
            client.expectEvent("coaps disconnected");
            client.expectEvent("coaps receive response error 11: Abort");
            link.cut(false);
            client.expectRun("coaps get r con", "Done");
            client.expectEvent("coaps reconnecting to 127.0.0.1:" + link.port());
            client.expectEvent("coaps connected");
            client.expectEvent("coaps response from 127.0.0.1 with payload: 68656c6c6f576f726c6400");
            link.close();
        }
    }

    /** Serves "r" on the server and connects the client to it through a relay that the test can cut. */
    private static UdpRelay connectedThroughALink(TestNode server, TestNode client) throws Exception {
        server.expectRun("coaps resource r", "Done");
        server.expectRun("coaps psk secretPSK Client_identity", "Done");
        server.expectRun("coaps start", "Done");
        UdpRelay link = new UdpRelay(Loopback.IPV4, new InetSocketAddress(Loopback.IPV4, server.port()), 0, 1);
        client.connectWithPskTo(link.port());
        return link;
    }

    /** Cuts the link for a request and the ping after it, so that the client takes its peer for lost. */
    private static void loseThePeer(TestNode client, UdpRelay link) {
        link.cut(true);
        client.expectRun("coaps get r con", "Done");
        client.expectEvent("coaps receive response error 28: ResponseTimeout");
        client.expectEvent("coaps disconnected");
    }

    private static TestNode reconnectingClient() {
        return TestNode.bound(TestNode.FAST.withBindAddress(Loopback.IPV4, 0).withReconnect(true));
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
