package io.coapscli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/** Credentials that arrive after start, attempt-limited agents, and requests from the server side. */
class SessionLifecycleTest {

    @Test
    void credentialsSetAfterStartApplyToTheNextSession() {
        try (TestNode server = TestNode.on(Loopback.IPV6); TestNode client = TestNode.on(Loopback.IPV6)) {
            server.expectRun("coaps start", "Done");
            int port = server.port();
            server.expectRun("coaps psk 1234 key1", "Done");
            server.expectRun("coaps resource test-resource", "Done");
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps psk 1234 key1", "Done");
            client.expectRun("coaps connect ::1 " + port, "Done");
            client.expectEvent("coaps connected");
            server.expectEvent("coaps connected");
            client.expectRun("coaps get test-resource", "Done");
            client.expectEvent("coaps response from 0:0:0:0:0:0:0:1 with payload: 68656c6c6f576f726c6400");
        }
    }

    @Test
    void aServerKeepsNothingOfTheClientsThatCameAndLeft() {
        try (TestNode server = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps start", "Done");
            for (int i = 0; i < 20; i++) {
                try (TestNode client = TestNode.on(Loopback.IPV4)) { // a new port each time: a new peer
                    // Not connectWithPsk: setting the server's key again would give it a new endpoint each time.
                    client.connectWithPskTo(server.port());
                    server.expectEvent("coaps connected");
                    assertEquals(1, server.connectionsHeld());
                    client.expectRun("coaps disconnect", "Done");
                    client.expectEvent("coaps disconnected");
                    server.expectEvent("coaps disconnected");
                }
            }
            // Scandium would keep each ended connection for a resumption nobody asks for (about 5 KB each).
            assertEquals(0, server.connectionsHeld());
        }
    }

    @Test
    void credentialsChangedDuringASessionApplyOnceTheLastSessionEnds() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource r", "Done");
            TestNode.connectWithPsk(server, client);
            server.expectRun("coaps psk newKey newIdentity", "Done");
            client.expectRun("coaps get r con", "Done"); // the open session is not cut
            client.expectEvent("coaps response from 127.0.0.1 with payload: 68656c6c6f576f726c6400");
            server.expectEvent("coaps request from 127.0.0.1 GET");
            server.expectEvent("coaps response sent");
            client.expectRun("coaps disconnect", "Done");
            client.expectEvent("coaps disconnected");
            server.expectEvent("coaps disconnected");

            client.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
            client.expectEvent("coaps disconnected"); // the old key no longer works
            client.expectRun("coaps psk newKey newIdentity", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
            client.expectEvent("coaps connected");
            server.expectEvent("coaps connected");
        }
    }

    @Test
    void anAgentStartedWithAnAttemptLimitClosesItselfWhenTheLastAttemptEnds() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps start 1", "Done");
            TestNode.connectWithPsk(server, client);
            server.expectRun("coaps isclosed", "no", "Done");
            client.expectRun("coaps disconnect", "Done");
            client.expectEvent("coaps disconnected");
            server.expectEvent("coaps disconnected");
            // The close runs on the agent's event thread; the next command waits for queued events.
            server.expectRun("coaps isclosed", "yes", "Done");
        }
    }

    @Test
    void aNodeThatWasConnectedToSendsRequestsBackOnThatSession() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            client.expectRun("coaps resource back", "Done");
            client.expectRun("coaps set from-the-client", "Done");
            TestNode.connectWithPsk(server, client);

            server.expectRun("coaps get back", "Done");
            server.expectEvent("coaps response from 127.0.0.1 with payload: 66726f6d2d7468652d636c69656e74");
            client.expectEvent("coaps request from 127.0.0.1 GET");
            client.expectEvent("coaps response sent");
        }
    }

    @Test
    void contentLargerThanOneMessageTravelsBlockwiseBothWays() {
        String big = "0123456789".repeat(300); // 3000 bytes: more than CoAP's 1024-byte messages
        String bigHex = Formats.hex(big.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource big", "Done");
            server.expectRun("coaps set " + big, "Done");
            TestNode.connectWithPsk(server, client);
            client.expectRun("coaps get big con", "Done");
            client.expectResponse("2.05", "coaps response from 127.0.0.1 with payload: " + bigHex);
            server.expectEvent("coaps request from 127.0.0.1 GET");
            server.expectEvent("coaps response sent");

            String reversed = new StringBuilder(big).reverse().toString();
            client.expectRun("coaps put big con " + reversed, "Done");
            client.expectResponse("2.04", "coaps response from 127.0.0.1");
            // Each block of the upload is shown (5 of 512 bytes, "block 5" of 440), then the request line
            // with the last block, as OpenThread's block-wise resource shows them.
            List<String> lines = server.eventsUntilAll("coaps response sent");
            assertEquals(6, lines.stream().filter(line -> line.startsWith("received block: ")).count(), lines.toString());
            assertTrue(lines.contains("received block: Num 5 Len 440"), lines.toString());
            assertEquals("coaps request from 127.0.0.1 PUT with payload: "
                    + Formats.hex(reversed.substring(2560).getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                    lines.get(lines.size() - 2));
            server.expectRun("coaps set", reversed, "Done");
            assertEquals(List.of(), server.drainEvents(), "one request line for each blockwise transfer");
        }
    }

    @Test
    void anUnknownPathIsAnsweredAndPrintsNothingOnTheServer() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource known", "Done");
            TestNode.connectWithPsk(server, client);
            client.expectRun("coaps get unknown con", "Done");
            client.expectEvent("coaps response from 127.0.0.1");
            client.expectRun("coaps get known?x=1", "Done");
            client.expectEvent("coaps response from 127.0.0.1 with payload: 68656c6c6f576f726c6400");
            // The server's next line is the known request: the unknown one printed nothing.
            server.expectEvent("coaps request from 127.0.0.1 GET");
        }
    }
}
