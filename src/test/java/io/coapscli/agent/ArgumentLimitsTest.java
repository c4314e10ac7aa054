package io.coapscli.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coapscli.testing.CaliforniumPskServer;
import io.coapscli.testing.CoapBytes;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.RawDtlsPeer;
import io.coapscli.testing.TestNode;

/**
 * Arguments at and past what CoAP and DTLS can carry: refused with a reason and InvalidArgs before
 * anything is sent, nothing the user set is lost, and the session goes on.
 */
class ArgumentLimitsTest {

    private static final String HELLO_WORLD = "68656c6c6f576f726c6400";

    private static String repeat(char c, int count) {
        return String.valueOf(c).repeat(count);
    }

    @Test
    void aPathSegmentOverTheOptionLimitIsRefusedAndTheSessionGoesOn() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource r", "Done");
            TestNode.connectWithPsk(server, client);
            client.expectRun("coaps get " + repeat('a', 256) + " con",
                    "a Uri-Path segment has 256 bytes; at most 255", "Error 7: InvalidArgs");
            client.expectRun("coaps get r?" + repeat('q', 256) + " con",
                    "a Uri-Query segment has 256 bytes; at most 255", "Error 7: InvalidArgs");
            String longUri = (repeat('p', 200) + "/").repeat(5) + "x";
            client.expectRun("coaps put " + longUri + " con hi", "Done");
            client.expectResponse("4.04", "coaps response from 127.0.0.1");
            client.expectRun("coaps get " + longUri + "/" + repeat('y', 20) + " con",
                    "the URI has 1027 bytes; at most 1024", "Error 7: InvalidArgs");

            client.expectRun("coaps get r con", "Done");
            client.expectResponse("2.05", "coaps response from 127.0.0.1 with payload: " + HELLO_WORLD);
        }
    }

    @Test
    void aResourcePathNoRequestCouldNameIsRefusedAndThePathStays() {
        try (TestNode node = TestNode.on(Loopback.IPV4)) {
            node.expectRun("coaps resource test/resource", "Done");
            node.expectRun("coaps resource a/" + repeat('b', 256),
                    "a Uri-Path segment has 256 bytes; at most 255", "Error 7: InvalidArgs");
            node.expectRun("coaps resource", "test/resource", "Done");
            node.expectRun("coaps resource " + repeat('b', 255), "Done");
        }
    }

    @Test
    void bodiesUpTo64KiBTravelBlockwiseBothWays() {
        try (TestNode server = TestNode.on(Loopback.IPV6); TestNode client = TestNode.on(Loopback.IPV6)) {
            server.expectRun("coaps resource big", "Done");
            TestNode.connectWithPsk(server, client);
            String body = "0123456789abcdef".repeat(65536 / 16);
            String hex = io.coapscli.agent.Formats.hex(body.getBytes(StandardCharsets.US_ASCII));
            client.expectRun("coaps put big con " + body, "Done");
            client.expectResponse("2.04", "coaps response from 0:0:0:0:0:0:0:1");
            // Californium sends it in 512-byte blocks; the server shows each, then the last in its request line.
            List<String> lines = server.eventsUntilAll("coaps response sent");
            assertEquals(128, lines.stream().filter(line -> line.startsWith("received block: ")).count());
            assertTrue(lines.contains("coaps request from 0:0:0:0:0:0:0:1 PUT with payload: "
                    + hex.substring(hex.length() - 1024)), lines.get(lines.size() - 2));

            client.expectRun("coaps get big con", "Done");
            client.expectResponse("2.05", "coaps response from 0:0:0:0:0:0:0:1 with payload: " + hex);
        }
    }

    @Test
    void contentOrPayloadOver64KiBIsRefusedAndTheContentStays() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource r", "Done");
            server.expectRun("coaps set " + repeat('x', 65537),
                    "the content has 65537 bytes; at most 65536", "Error 7: InvalidArgs");
            server.expectRun("coaps set", "helloWorld", "Done");
            TestNode.connectWithPsk(server, client);
            client.expectRun("coaps put r con " + repeat('x', 65537),
                    "the payload has 65537 bytes; at most 65536", "Error 7: InvalidArgs");
            client.expectRun("coaps get r con", "Done");
            client.expectResponse("2.05", "coaps response from 127.0.0.1 with payload: " + HELLO_WORLD);
        }
    }

    @Test
    void aResponseBodyOverTheLimitEndsTheRequestWithNoBufsWithoutWaitingForTheTimeout() throws Exception {
        byte[] huge = new byte[100_000];
        Arrays.fill(huge, (byte) 'h');
        // Normal timers: a missing outcome would take the full 93 s response timeout.
        try (CaliforniumPskServer peer = new CaliforniumPskServer(Loopback.IPV4, "huge", huge, 1 << 20);
                TestNode client = TestNode.on(Loopback.IPV4, io.coapscli.agent.AgentSettings.defaults())) {
            client.expectRun("coaps psk secretPSK Client_identity", "Done");
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + peer.port(), "Done");
            client.expectEvent("coaps connected");
            long started = System.nanoTime();
            client.expectRun("coaps get huge con", "Done");
            client.expectEvent("coaps receive response error 3: NoBufs");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
            assertTrue(((AgentEvent.RequestFailed) client.lastEvent()).reason().contains("65536"),
                    client.lastEvent().toString());
        }
    }

    @Test
    void aPeersBlockwisePutOverTheLimitIsAnswered413AtOnce() throws Exception {
        try (RawDtlsPeer raw = RawDtlsPeer.psk(Loopback.IPV4, "secretPSK", "Client_identity");
                TestNode node = TestNode.on(Loopback.IPV4)) {
            node.expectRun("coaps psk secretPSK Client_identity", "Done");
            node.expectRun("coaps start", "Done");
            node.expectRun("coaps resource big", "Done");
            Request put = Request.newPut();
            put.setType(CoAP.Type.CON);
            put.setMID(0x4242);
            put.setToken(Token.fromProvider(new byte[] {1, 2}));
            put.getOptions().setUriPath("big").setBlock1(new BlockOption(BlockOption.size2Szx(512), true, 0))
                    .setSize1(70_000);
            put.setPayload(new byte[512]);
            raw.send(new InetSocketAddress(Loopback.IPV4, node.port()), CoapBytes.serialize(put));
            Message answer = CoapBytes.parse(raw.awaitDatagram(Duration.ofSeconds(10)).getBytes());
            assertEquals(CoAP.ResponseCode.REQUEST_ENTITY_TOO_LARGE.value, answer.getRawCode());
            assertEquals(65536, answer.getOptions().getSize1());
            node.expectEvent("coaps connected");
            node.expectRun("coaps set", "helloWorld", "Done");
        }
    }

    @Test
    void pskSizesAreCheckedAgainstWhatTheHandshakeCarries() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            String identity = repeat('i', 8190);
            server.expectRun("coaps psk key1 " + identity, "Done");
            client.expectRun("coaps psk key1 " + identity + "x",
                    "the PSK identity has 8191 bytes; at most 8190", "Error 7: InvalidArgs");
            client.expectRun("coaps psk " + repeat('k', 65535) + " id",
                    "the PSK has 65535 bytes; at most 65534", "Error 7: InvalidArgs");
            client.expectRun("coaps psk \"\" id", "the PSK and its identity must not be empty", "Error 7: InvalidArgs");
            client.expectRun("coaps psk -x 0 id", "the key is not an even number of hex digits", "Error 7: InvalidArgs");
            client.expectRun("coaps psk key1 " + identity, "Done");
            client.expectRun("coaps psk -x 0q id", "the key is not an even number of hex digits", "Error 7: InvalidArgs");
            // The refusals left the last good credentials in force: the largest identity connects.
            server.expectRun("coaps start", "Done");
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
            client.expectEvent("coaps connected");
            server.expectEvent("coaps connected");
        }
    }

    @Test
    void credentialFilesMustBeRegularAndSmall(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.pem");
        Files.write(huge, new byte[(1 << 20) + 1]);
        try (TestNode node = TestNode.on(Loopback.IPV4)) {
            long started = System.nanoTime();
            node.expectRun("coaps x509 /dev/zero /dev/zero", "cannot read /dev/zero: not a regular file",
                    "Error 7: InvalidArgs");
            node.expectRun("coaps x509 " + huge + " " + huge, "cannot read " + huge + ": larger than 1048576 bytes",
                    "Error 7: InvalidArgs");
            node.expectRun("coaps x509 " + dir + " " + huge, "cannot read " + dir + ": not a regular file",
                    "Error 7: InvalidArgs");
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "refused at once");
        }
    }
}
