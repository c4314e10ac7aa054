package io.coapscli.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/**
 * The plain {@code coap} agent between two nodes, line for line as OpenThread's own expect tests
 * ({@code tests/scripts/expect/cli-coap.exp} and {@code cli-coap-observe.exp}) have it. The nodes run in one
 * JVM, so the client names the server's port ({@code [::1]:port}), where OpenThread's always use 5683.
 */
class CoapTranscriptTest {

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"::1", "127.0.0.1"})
    void cliCoapExp(String loopback) throws Exception {
        InetAddress address = InetAddress.getByName(loopback);
        String printed = loopback.equals("::1") ? "0:0:0:0:0:0:0:1" : "127.0.0.1";
        try (TestNode node1 = TestNode.on(address); TestNode node2 = TestNode.on(address)) {
            node1.expectRun("coap start", "Done");
            node1.expectRun("coap resource test/resource", "Done");
            node1.expectRun("coap set Testing123", "Done");
            String addr1 = (loopback.contains(":") ? "[" + loopback + "]" : loopback) + ":" + node1.coapPort();

            node2.expectRun("coap start", "Done");
            node2.expectRun("coap parameters request 3000 4 3 5", "Transmission parameters for request:",
                    "ACK_TIMEOUT=3000 ms, ACK_RANDOM_FACTOR=4/3, MAX_RETRANSMIT=5", "Done");
            node2.expectRun("coap parameters response 2500 4 3 3", "Transmission parameters for response:",
                    "ACK_TIMEOUT=2500 ms, ACK_RANDOM_FACTOR=4/3, MAX_RETRANSMIT=3", "Done");
            node2.expectRun("coap get " + addr1 + " test/resource", "Done");
            node2.expectEvent("coap response from " + printed + " with payload: 54657374696e67313233");
            node2.expectRun("coap post " + addr1 + " test/resource con Testing123", "Done");
            node2.expectEvent("coap response from " + printed);
            node2.expectRun("coap put " + addr1 + " test/resource con Testing123", "Done");
            node2.expectEvent("coap response from " + printed);
            node2.expectRun("coap delete " + addr1 + " test/resource con", "Done");
            node2.expectEvent("coap response from " + printed);
            node2.expectRun("coap post " + addr1 + " test/resource none Testing123", "Done");

            node1.expectEvent("coap request from " + printed + " GET");
            node1.expectEvent("coap response sent");
            node1.expectEvent("coap request from " + printed + " POST with payload: 54657374696e67313233");
            node1.expectEvent("coap response sent");
            node1.expectEvent("coap request from " + printed + " PUT with payload: 54657374696e67313233");
            node1.expectEvent("coap response sent");
            node1.expectEvent("coap request from " + printed + " DELETE");
            node1.expectEvent("coap response sent");
            node1.expectEvent("coap request from " + printed + " POST with payload: 54657374696e67313233");
            node1.expectEvent("coap response sent");
            node1.expectRun("coap resource", "test/resource", "Done");
            node1.expectRun("coap set", "Testing123", "Done");
            node1.expectRun("coap parameters request default", "Transmission parameters for request:", "default",
                    "Done");
            node1.expectRun("coap parameters response default", "Transmission parameters for response:", "default",
                    "Done");
            node1.expectRun("coap help", "cancel", "delete", "get", "observe", "parameters", "post", "put", "resource",
                    "set", "start", "stop", "Done");
            node1.expectRun("coap parameters something_invalid", "Error 7: InvalidArgs");
            node1.expectRun("coap get", "Error 7: InvalidArgs");
            node1.expectRun("coap get " + addr1, "Error 7: InvalidArgs");
            node1.expectRun("coap", "cancel", "delete", "get", "observe", "parameters", "post", "put", "resource",
                    "set", "start", "stop", "Error 7: InvalidArgs");
        }
    }

    @Test
    void cliCoapObserveExp() {
        String server = "127.0.0.1";
        try (TestNode node1 = TestNode.on(Loopback.IPV4); TestNode node2 = TestNode.on(Loopback.IPV4)) {
            node1.expectRun("coap start", "Done");
            node1.expectRun("coap resource test/resource", "Done");
            node1.expectRun("coap set Testing123", "Done");
            String addr1 = server + ":" + node1.coapPort();

            node2.expectRun("coap start", "Done");
            node2.expectRun("coap observe " + addr1 + " test/resource", "Done");
            node2.expectEvent("coap response from " + server + " OBS=0 with payload: 54657374696e67313233");
            node1.expectEvent("coap request from " + server + " GET OBS=0");
            node1.expectEvent("Subscribing client");
            node1.expectEvent("coap response sent");
            node1.expectRun("coap resource", "test/resource", "Done");
            node1.expectRun("coap set", "Testing123", "Done");

            // The 6th notification is confirmable, to check that the client is still interested.
            for (int i = 1; i <= 9; i++) {
                node1.expectRun("coap set TestValue2_" + i, "sending coap notification to " + server, "Done");
                node2.expectEvent("coap response from " + server + " OBS=" + i + " with payload: "
                        + hex("TestValue2_" + i));
                if (i == 6) {
                    node1.expectEvent("Received coap notification ACK from " + server);
                }
            }

            node2.expectRun("coap cancel", "Done");
            node1.expectEvent("coap request from " + server + " GET OBS=1");
            node1.expectEvent("Removed subscriber " + server);
            node1.expectEvent("coap response sent");
            node2.expectEvent("coap response from " + server + " with payload: " + hex("TestValue2_9"));

            // A confirmable registration; the sequence number counts notified changes (OpenThread's counts
            // messages and says 10 here: docs/CLI.md).
            node2.expectRun("coap observe " + addr1 + " test/resource con", "Done");
            node2.expectEvent("coap response from " + server + " OBS=9 with payload: " + hex("TestValue2_9"));
            node1.expectEvent("coap request from " + server + " GET OBS=0");
            node1.expectEvent("Subscribing client");
            node1.expectEvent("coap response sent");
            for (String value : new String[] {"TestValue3", "TestValue4"}) {
                node1.expectRun("coap set " + value, "sending coap notification to " + server, "Done");
                node1.expectEvent("Received coap notification ACK from " + server);
                node2.expectEvent("coap response from " + server + " OBS=" + (value.endsWith("3") ? 10 : 11)
                        + " with payload: " + hex(value));
            }
        }
    }

    @Test
    void aRequestToAClosedPortFailsWithinASecondWithTheReasonNotAfterItsTimeout() throws Exception {
        int closed;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        try (TestNode node = TestNode.on(Loopback.IPV4)) {
            node.expectRun("coap start", "Done");
            node.expectRun("verbose on", "Done");
            long start = System.nanoTime();
            node.expectRun("coap get 127.0.0.1:" + closed + " x con", "Done");
            // The RFC 7252 timing would report ResponseTimeout after up to 93 s; the port probe, within a second.
            node.expectEvent("coap receive response error 11: Abort");
            node.expectEvent("  nobody is listening at 127.0.0.1:" + closed + " (ICMP port unreachable)");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.toMillis() < 5000, "took " + took);
            assertTrue(node.settled(Duration.ZERO), "nothing left waiting");
        }
    }

    @Test
    void badCoapInputIsRefusedWithOpenThreadsErrorsAndChangesNothing() {
        try (TestNode node = TestNode.on(Loopback.IPV4)) {
            node.expectRun("coap resource", "", "Done");
            node.expectRun("coap set", "0", "Done");
            node.expectRun("coap get ::1 test con", "Error 13: InvalidState");
            node.expectRun("coap start", "Done");
            node.expectRun("coap start", "Done");
            node.expectRun("coap resource test-resource", "Done");
            node.expectRun("coap set abc", "Done");
            node.expectRun("coap set 0123456789abcdef", "Error 7: InvalidArgs");
            node.expectRun("coap set 0123456789abcde", "Done");
            node.expectRun("coap resource test-resource x", "Error 7: InvalidArgs");
            node.expectRun("coap resource other 0", "Error 7: InvalidArgs");
            node.expectRun("coap resource", "test-resource", "Done");
            node.expectRun("coap get notanaddress test", "Error 6: Parse");
            node.expectRun("coap get 127.0.0.1:99999 test", "Error 7: InvalidArgs");
            node.expectRun("coap get", "Error 7: InvalidArgs");
            node.expectRun("coap delete", "Error 7: InvalidArgs");
            node.expectRun("coap post 127.0.0.1", "Error 7: InvalidArgs");
            node.expectRun("coap put 127.0.0.1 r block-64 x", "Error 7: InvalidArgs");
            node.expectRun("coap frobnicate", "Error 35: InvalidCommand");
            node.expectRun("coap parameters", "Error 7: InvalidArgs");
            node.expectRun("coap parameters bogus", "Error 7: InvalidArgs");
            node.expectRun("coap parameters request 3000 3 2 5", "Transmission parameters for request:",
                    "ACK_TIMEOUT=3000 ms, ACK_RANDOM_FACTOR=3/2, MAX_RETRANSMIT=5", "Done");
            for (String bad : new String[] {"3000 2 3 5", "3000 3 2", "3000 3 2 256", "x 3 2 5", "0 3 2 5",
                    "3000 3 0 5", "3000 3 2 0", "3000 3 2 5 6"}) {
                node.expectRun("coap parameters request " + bad, "Error 7: InvalidArgs");
            }
            // OpenThread would now print the 2/3 it parsed before refusing; a refused command changes nothing.
            node.expectRun("coap parameters request", "Transmission parameters for request:",
                    "ACK_TIMEOUT=3000 ms, ACK_RANDOM_FACTOR=3/2, MAX_RETRANSMIT=5", "Done");
            node.expectRun("verbose on", "Done");
            node.expectRun("coap parameters request 0 3 2 5", "coaps-cli needs ACK_TIMEOUT 1 to 2147483647 ms, "
                    + "a denominator above 0 and MAX_RETRANSMIT of at least 1", "Error 7: InvalidArgs");
            node.expectRun("coap stop", "Done");
            node.expectRun("coap stop", "Done");
            node.expectRun("coap resource", "test-resource", "Done");
            node.expectRun("coap set", "0123456789abcde", "Done");
            node.expectRun("help coap get", "coap get <address> <uri-path> [con|non-con|block-<size>] [payload|block-count]",
                    "Sends a GET to the address (port 5683, or [v6]:port / v4:port); its response follows.",
                    "example: coap get [::1]:5683 test-resource block-64", "Done");
        }
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }
}
