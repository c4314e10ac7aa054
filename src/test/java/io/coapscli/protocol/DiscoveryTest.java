package io.coapscli.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.Link;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/** Resource discovery (RFC 6690) between two agents: the server lists its resource, the client reads the links. */
class DiscoveryTest {

    private static final String SERVER = "127.0.0.1";

    @Test
    void theServerListsItsObservableResourceAndTheClientPrintsEachLink() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource test/resource", "Done");
            TestNode.connectWithPsk(server, client);

            client.expectRun("coaps get .well-known/core con", "Done");
            client.expectResponse("2.05", "coaps response from " + SERVER + " with payload: " + hex("</test/resource>;obs"));
            client.expectEvent("  </test/resource>;obs");
            AgentEvent.ResponseReceived response = (AgentEvent.ResponseReceived) client.lastEvent();
            assertEquals(List.of(new Link("/test/resource", java.util.Map.of("obs", List.of()), "</test/resource>;obs")),
                    response.message().links());

            // The listing follows the resource; a query filters it (RFC 6690 section 4.1).
            server.expectRun("coaps resource other", "Done");
            client.expectRun("coaps get .well-known/core?href=/other", "Done");
            client.expectResponse("2.05", "coaps response from " + SERVER + " with payload: " + hex("</other>;obs"));
            client.expectEvent("  </other>;obs");
            client.expectRun("coaps get .well-known/core?href=/test*", "Done");
            client.expectResponse("2.05", "coaps response from " + SERVER);
        }
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }
}
