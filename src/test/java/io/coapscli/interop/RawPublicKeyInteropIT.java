package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coapscli.agent.AgentEvent;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestCertificates;
import io.coapscli.testing.TestNode;

/**
 * Raw public keys (RFC 7250) against libcoap's GnuTLS build ({@code -M}; its OpenSSL 3.0 build has no RPK),
 * both ways, with coaps-cli verifying libcoap's key.
 */
class RawPublicKeyInteropIT {

    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8";

    @Test
    void libcoapsGnutlsClientGetsFromOurServerWhichTrustsItsKey(@TempDir Path dir) throws Exception {
        Libcoap.require("coap-client-gnutls");
        TestCertificates.writeRawKeyPair(dir, "ours");
        TestCertificates.writeRawKeyPair(dir, "libcoap");
        try (TestNode server = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps rpk " + dir.resolve("ours.key") + " " + dir.resolve("libcoap.pub"), "Done");
            server.expectRun("coaps resource r", "Done");
            server.expectRun("coaps start", "Done");
            Libcoap.ClientRun run = Libcoap.client("coap-client-gnutls", "-M", dir.resolve("libcoap.key").toString(),
                    "-m", "get", "coaps://127.0.0.1:" + server.port() + "/r");
            assertTrue(run.received("t:ACK c:2.05"), run.output());
            assertArrayEquals("helloWorld\0".getBytes(StandardCharsets.US_ASCII), run.payload(), run.output());
            server.expectEvent("coaps connected");
            assertEquals(SUITE, ((AgentEvent.Connected) server.lastEvent()).session().cipherSuite());
            server.eventsUntilAll("coaps request from 127.0.0.1 GET", "coaps response sent", "coaps disconnected");

            // A key the server does not trust gets no session, for that reason.
            server.expectRun("verbose on", "Done");
            TestCertificates.writeRawKeyPair(dir, "stranger");
            Libcoap.ClientRun refused = Libcoap.client("coap-client-gnutls", "-B", "3", "-M",
                    dir.resolve("stranger.key").toString(), "-m", "get", "coaps://127.0.0.1:" + server.port() + "/r");
            assertTrue(!refused.received("c:2.05"), refused.output());
            String reason = server.nextEvent(TestNode.EVENT_TIMEOUT);
            assertTrue(reason != null && reason.matches("  server session with 127\\.0\\.0\\.1:\\d+: handshake failed: "
                    + "Raw public key is not trusted! \\(fatal alert BAD_CERTIFICATE sent\\)"),
                    "why the server refused the key: " + reason);
            assertEquals(List.of(), server.drainEvents(), "no coaps connected for the untrusted key");
        }
    }

    @Test
    void ourClientGetsFromLibcoapsGnutlsServerWhoseKeyItTrusts(@TempDir Path dir) throws Exception {
        TestCertificates.writeRawKeyPair(dir, "ours");
        TestCertificates.writeRawKeyPair(dir, "libcoap");
        try (LibcoapServer server = LibcoapServer.start("coap-server-gnutls", Loopback.IPV4, "-M",
                dir.resolve("libcoap.key").toString());
                TestNode client = TestNode.on(Loopback.IPV4)) {
            client.expectRun("coaps rpk " + dir.resolve("ours.key") + " " + dir.resolve("libcoap.pub"), "Done");
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + server.secureAddress().getPort(), "Done");
            client.expectEvent("coaps connected");
            assertEquals(SUITE, ((AgentEvent.Connected) client.lastEvent()).session().cipherSuite());
            client.expectRun("coaps get time con", "Done");
            String line = client.nextEvent(TestNode.EVENT_TIMEOUT);
            assertTrue(line != null && line.startsWith("coaps response from 127.0.0.1 with payload: "), line);
            assertEquals("2.05", ((AgentEvent.ResponseReceived) client.lastEvent()).code());

            // A server whose key the client does not trust gets no session, for that reason.
            client.expectRun("coaps disconnect", "Done");
            client.expectEvent("coaps disconnected");
            client.expectRun("verbose on", "Done");
            client.expectRun("coaps rpk " + dir.resolve("ours.key") + " " + dir.resolve("ours.pub"), "Done");
            client.expectRun("coaps connect 127.0.0.1 " + server.secureAddress().getPort(), "Done");
            client.expectEvent("coaps disconnected");
            String reason = client.nextEvent(TestNode.EVENT_TIMEOUT);
            assertTrue(reason != null && reason.endsWith(": handshake failed: Raw public key is not trusted! "
                    + "(fatal alert BAD_CERTIFICATE sent)"), "why the client refused the key: " + reason);
        }
    }
}
