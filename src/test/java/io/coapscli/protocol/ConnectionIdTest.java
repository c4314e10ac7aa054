package io.coapscli.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import io.coapscli.testing.CaliforniumPskServer;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.RebindingNat;
import io.coapscli.testing.TestNode;

/**
 * DTLS Connection ID (RFC 9146) through a NAT that moves the client to a new port mid-session: with CIDs
 * the session goes on at the new address; without, it is lost. Against a second agent and against a
 * plain Californium server.
 */
class ConnectionIdTest {

    private static final String SERVER = "127.0.0.1";
    private static final String HELLO = "coaps response from " + SERVER + " with payload: 68656c6c6f576f726c6400";

    @Test
    void withConnectionIdsTheSessionFollowsTheClientToItsNewPort() throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV4, TestNode.FAST.withConnectionId(4));
                TestNode client = TestNode.on(Loopback.IPV4, TestNode.FAST.withConnectionId(0))) {
            server.expectRun("coaps resource r", "Done");
            startWithPsk(server);
            try (RebindingNat nat = new RebindingNat(Loopback.IPV4, new InetSocketAddress(Loopback.IPV4, server.port()))) {
                client.connectWithPskTo(nat.port());
                server.expectEvent("coaps connected");
                client.expectRun("coaps get r con", "Done");
                client.expectEvent(HELLO);
                int before = nat.outsidePort();

                nat.rebind();
                client.expectRun("coaps get r con", "Done");
                client.expectEvent(HELLO);
                server.expectEventsInAnyOrder("coaps request from " + SERVER + " GET", "coaps response sent",
                        "coaps request from " + SERVER + " GET", "coaps response sent",
                        "coaps session moved from 127.0.0.1:" + before + " to 127.0.0.1:" + nat.outsidePort());
                assertTrue(nat.cidRecordsFromClient() > 0, "the client's records carry the server's CID");

                // The server side's own requests go to where the client is now.
                client.expectRun("coaps resource c", "Done");
                server.expectRun("coaps get c con", "Done");
                server.expectEvent("coaps response from " + SERVER + " with payload: 68656c6c6f576f726c6400");
            }
        }
    }

    @Test
    void withoutConnectionIdsTheSessionIsLostWhenTheClientsPortChanges() throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource r", "Done");
            startWithPsk(server);
            try (RebindingNat nat = new RebindingNat(Loopback.IPV4, new InetSocketAddress(Loopback.IPV4, server.port()))) {
                client.connectWithPskTo(nat.port());
                server.expectEvent("coaps connected");
                client.expectRun("coaps get r con", "Done");
                client.expectEvent(HELLO);

                nat.rebind();
                client.expectRun("coaps get r con", "Done");
                client.expectEvent("coaps receive response error 28: ResponseTimeout");
                client.expectEvent("coaps disconnected");
                assertTrue(nat.cidRecordsFromClient() == 0, "no CID was negotiated");
            }
        }
    }

    @Test
    void aPlainCaliforniumServerKeepsOurSessionAcrossARebinding() throws Exception {
        try (CaliforniumPskServer californium = new CaliforniumPskServer(Loopback.IPV4, "r",
                "from Californium".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1024, 6);
                TestNode client = TestNode.on(Loopback.IPV4, TestNode.FAST.withConnectionId(0));
                RebindingNat nat = new RebindingNat(Loopback.IPV4,
                        new InetSocketAddress(Loopback.IPV4, californium.port()))) {
            client.connectWithPskTo(nat.port());
            String answer = "coaps response from " + SERVER + " with payload: 66726f6d2043616c69666f726e69756d";
            client.expectRun("coaps get r con", "Done");
            client.expectEvent(answer);
            for (int i = 0; i < 3; i++) {
                nat.rebind();
                client.expectRun("coaps get r con", "Done");
                client.expectEvent(answer);
            }
            assertTrue(nat.cidRecordsFromClient() > 0, "the client's records carry Californium's CID");
        }
    }

    private static void startWithPsk(TestNode node) {
        node.expectRun("coaps psk secretPSK Client_identity", "Done");
        node.expectRun("coaps start", "Done");
    }
}
