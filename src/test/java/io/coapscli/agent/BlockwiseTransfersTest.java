package io.coapscli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/**
 * OpenThread's block-wise coaps forms between two nodes over loopback: the lines, their order, and that
 * the bytes one side shows are the bytes the other side shows.
 */
class BlockwiseTransfersTest {

    private static final String HEX_ROW = "[0-9a-f]{32}";
    private static final String PEER = "127.0.0.1";

    @Test
    void aGetWithBlock2FetchesTheResourcesRandomBlocksAndBothSidesShowEachBlock() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource test-resource 3", "Done");
            TestNode.connectWithPsk(server, client);

            client.expectRun("coaps get test-resource block-64", "Done");
            List<String> received = new ArrayList<>();
            for (int number = 0; number < 3; number++) {
                client.expectEvent("received block: Num " + number + " Len 64");
                received.addAll(client.rows(4));
            }
            client.expectEvent("coaps response from " + PEER + " with payload: "
                    + String.join("", received.subList(8, 12)));

            server.expectEvent("coaps request from " + PEER + " GET");
            server.expectEvent("send block: Num 0 Len 64");
            List<String> sent = new ArrayList<>(server.rows(4));
            server.expectEvent("coaps response sent");
            for (int number = 1; number < 3; number++) {
                server.expectEvent("send block: Num " + number + " Len 64");
                sent.addAll(server.rows(4));
            }
            assertEquals(sent, received, "the client got the bytes the server sent");
        }
    }

    @Test
    void anUploadShowsItsFirstBlockBeforeDoneAndTheServerShowsEachBlockThenTheLastInItsRequestLine() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource test-resource", "Done");
            TestNode.connectWithPsk(server, client);

            List<String> output = client.run("coaps put test-resource block-32 2");
            assertEquals(4, output.size(), "block 0 and its rows, then Done: " + output);
            assertEquals("send block: Num 0 Len 32", output.get(0));
            assertTrue(output.get(1).matches(HEX_ROW) && output.get(2).matches(HEX_ROW), output.toString());
            assertEquals("Done", output.get(3));
            client.expectEvent("send block: Num 1 Len 32");
            List<String> second = client.rows(2);
            client.expectEvent("coaps response from " + PEER);

            server.expectEvent("received block: Num 0 Len 32");
            assertEquals(output.subList(1, 3), server.rows(2));
            server.expectEvent("received block: Num 1 Len 32");
            assertEquals(second, server.rows(2));
            server.expectEvent("coaps request from " + PEER + " PUT with payload: " + String.join("", second));
            server.expectEvent("coaps response sent");

            // The whole upload is the resource's content now.
            client.expectRun("coaps get test-resource con", "Done");
            client.expectEvent("coaps response from " + PEER + " with payload: " + output.get(1) + output.get(2)
                    + String.join("", second));
        }
    }

    @Test
    void oneBlockCountIsSharedByTheResourceAndTheUploadsOfTheSameNode() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource test-resource 3", "Done");
            client.expectRun("coaps resource up", "Done");
            TestNode.connectWithPsk(server, client);
            // The server node uploads two blocks to its client over the same session...
            assertEquals("Done", last(server.run("coaps post up block-16 2")));
            server.eventsUntilAll("coaps response from " + PEER);
            client.eventsUntilAll("coaps response sent");
            // ...and its resource now serves two blocks, not three, as OpenThread's shared count does.
            client.expectRun("coaps get test-resource block-16", "Done");
            client.expectEvent("received block: Num 0 Len 16");
            client.rows(1);
            client.expectEvent("received block: Num 1 Len 16");
            String last = client.rows(1).get(0);
            client.expectEvent("coaps response from " + PEER + " with payload: " + last);
        }
    }

    @Test
    void malformedBlockFormsAreInvalidArgsAndChangeNothing() {
        try (TestNode node = TestNode.on(Loopback.IPV4)) {
            node.expectRun("coaps resource kept 2", "Done");
            node.expectRun("coaps resource other x", "Error 7: InvalidArgs");
            node.expectRun("coaps resource other 0", "Error 7: InvalidArgs");
            node.expectRun("coaps resource other 4097", "Error 7: InvalidArgs");
            node.expectRun("coaps resource other 1 2", "Error 7: InvalidArgs");
            node.expectRun("coaps resource", "kept", "Done");
            node.expectRun("coaps psk secretPSK Client_identity", "Done");
            node.expectRun("coaps start", "Done");
            node.expectRun("coaps put r block-64 x", "Error 7: InvalidArgs");
            node.expectRun("coaps put r block-64 0", "Error 7: InvalidArgs");
            node.expectRun("coaps put r block-1024 65", "Error 7: InvalidArgs");
            node.expectRun("coaps put r block-64 2 extra", "Error 7: InvalidArgs");
            // Not connected: the form is right, the state is not.
            node.expectRun("coaps get r block-64", "Error 13: InvalidState");
            node.expectRun("coaps post r block-16 2", "Error 13: InvalidState");
            node.expectRun("coaps resource", "kept", "Done");
        }
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
