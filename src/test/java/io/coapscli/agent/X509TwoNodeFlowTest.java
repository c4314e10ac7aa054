package io.coapscli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.coapscli.testing.TestNode;

/** OpenThread's own two-node Secure CoAP test flow, with the built-in X.509 credentials on both nodes. */
class X509TwoNodeFlowTest {

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"::1", "127.0.0.1"})
    void twoX509NodesVerifyEachOtherAndRunEveryMethod(String loopback) throws Exception {
        InetAddress address = InetAddress.getByName(loopback);
        String peer = loopback.equals("::1") ? "0:0:0:0:0:0:0:1" : "127.0.0.1";
        try (TestNode server = TestNode.on(address); TestNode client = TestNode.on(address)) {
            server.expectRun("coaps x509", "Done");
            server.expectRun("coaps start", "Done");
            server.expectRun("coaps resource test/resource", "Done");
            server.expectRun("coaps resource", "test/resource", "Done");
            server.expectRun("coaps set Testing123", "Done");
            server.expectRun("coaps set", "Testing123", "Done");
            server.expectRun("coaps start false", "Error 24: Already");
            server.expectRun("coaps start something_invalid", "Error 7: InvalidArgs");

            client.expectRun("coaps x509", "Done");
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect " + loopback + " " + server.port(), "Done");
            client.expectEvent("coaps connected");
            server.expectEvent("coaps connected");
            client.expectRun("coaps isconnected", "yes", "Done");
            server.expectRun("coaps isconnected", "yes", "Done");

            client.expectRun("coaps get test/resource", "Done");
            client.expectEvent("coaps response from " + peer + " with payload: 54657374696e67313233");
            server.expectEvent("coaps request from " + peer + " GET");
            server.expectEvent("coaps response sent");

            client.expectRun("coaps post test/resource con hellothere", "Done");
            client.expectEvent("coaps response from " + peer);
            server.expectEvent("coaps request from " + peer + " POST with payload: 68656c6c6f7468657265");
            server.expectEvent("coaps response sent");

            client.expectRun("coaps put test/resource con hellothere", "Done");
            client.expectEvent("coaps response from " + peer);
            server.expectEvent("coaps request from " + peer + " PUT with payload: 68656c6c6f7468657265");
            server.expectEvent("coaps response sent");

            client.expectRun("coaps delete test/resource con", "Done");
            client.expectEvent("coaps response from " + peer);
            server.expectEvent("coaps request from " + peer + " DELETE");
            server.expectEvent("coaps response sent");
            server.expectRun("coaps set", "", "Done");

            // A non-confirmable POST is served but not answered. The GET after it proves that nothing else
            // came: its response is the client's very next line, and its request the server's.
            client.expectRun("coaps post test/resource non-con unanswered", "Done");
            server.expectEvent("coaps request from " + peer + " POST with payload: 756e616e737765726564");
            client.expectRun("coaps get test/resource con", "Done");
            client.expectEvent("coaps response from " + peer + " with payload: 756e616e737765726564");
            server.expectEvent("coaps request from " + peer + " GET");
            server.expectEvent("coaps response sent");

            client.expectRun("coaps disconnect", "Done");
            client.expectEvent("coaps disconnected");
            server.expectEvent("coaps disconnected");
            assertEquals("", String.join(",", client.drainEvents()) + String.join(",", server.drainEvents()));
        }
    }
}
