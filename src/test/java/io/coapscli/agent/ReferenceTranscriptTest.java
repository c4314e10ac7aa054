package io.coapscli.agent;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/** The spec's reference walkthrough (section 5), server and client nodes in one JVM over loopback. */
class ReferenceTranscriptTest {

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"::1", "127.0.0.1"})
    void pskWalkthroughPrintsTheReferenceLines(String loopback) throws Exception {
        InetAddress address = InetAddress.getByName(loopback);
        String printed = loopback.equals("::1") ? "0:0:0:0:0:0:0:1" : "127.0.0.1";
        String connectTo = loopback;
        try (TestNode server = TestNode.on(address); TestNode client = TestNode.on(address)) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps start", "Done");
            server.expectRun("coaps resource test-resource", "Done");

            client.expectRun("coaps psk secretPSK Client_identity", "Done");
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect " + connectTo + " " + server.port(), "Done");
            client.expectEvent("coaps connected");
            server.expectEvent("coaps connected");

            client.expectRun("coaps get test-resource", "Done");
            client.expectEvent("coaps response from " + printed + " with payload: 68656c6c6f576f726c6400");
            server.expectEvent("coaps request from " + printed + " GET");
            server.expectEvent("coaps response sent");

            client.expectRun("coaps put test-resource con hellothere", "Done");
            client.expectEvent("coaps response from " + printed);
            server.expectEvent("coaps request from " + printed + " PUT with payload: 68656c6c6f7468657265");
            server.expectEvent("coaps response sent");

            client.expectRun("coaps get test-resource", "Done");
            client.expectEvent("coaps response from " + printed + " with payload: 68656c6c6f7468657265");
        }
    }
}
