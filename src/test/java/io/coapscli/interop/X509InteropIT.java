package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.coapscli.agent.AgentEvent;
import io.coapscli.testing.DtlsWiretap;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;
import io.coapscli.testing.TestPki;

/**
 * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 on P-256 against libcoap in both directions, with peer verification
 * on and off. libcoap gets the built-in test credentials as PEM files; "foreign" is a self-signed identity
 * that the built-in CA did not sign.
 */
class X509InteropIT {

    static final int TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 = 0xC0AE;

    private static String file(String name) {
        return TestPki.file(name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openssl", "gnutls"})
    void libcoapClientAndOurServerVerifyEachOther(String build) throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV4);
                DtlsWiretap wiretap = startX509Server(server, "true")) {
            Libcoap.ClientRun get = Libcoap.client("coap-client-" + build, "-c", file("node.crt"), "-j",
                    file("node.key"), "-R", file("ca.crt"), "-m", "get",
                    "coaps://127.0.0.1:" + wiretap.port() + "/test-resource");
            assertTrue(get.received("t:ACK c:2.05"), get.output());
            assertArrayEquals("helloWorld\0".getBytes(StandardCharsets.US_ASCII), get.payload(), get.output());
            server.expectEvent("coaps connected");
            server.expectEvent("coaps request from 127.0.0.1 GET");
            assertEquals(List.of(TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8), wiretap.serverHelloSuites());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openssl", "gnutls"})
    void ourServerRejectsAForeignClientCertificateUnlessStartedWithoutVerification(String build)
            throws Exception {
        String[] foreignClient = {"-c", file("foreign.crt"), "-j", file("foreign.key"), "-n", "-B", "5", "-m", "get"};
        try (TestNode server = TestNode.on(Loopback.IPV4);
                DtlsWiretap wiretap = startX509Server(server, "true")) {
            Libcoap.ClientRun rejected = Libcoap.client("coap-client-" + build,
                    with(foreignClient, "coaps://127.0.0.1:" + wiretap.port() + "/test-resource"));
            assertFalse(rejected.received("c:2.05"), rejected.output());
            server.expectRun("coaps isclosed", "no", "Done");
            // A handshake that never connected prints nothing on the server.
            assertEquals(List.of(), server.drainEvents());
        }
        try (TestNode server = TestNode.on(Loopback.IPV4);
                DtlsWiretap wiretap = startX509Server(server, "false")) {
            Libcoap.ClientRun accepted = Libcoap.client("coap-client-" + build,
                    with(foreignClient, "coaps://127.0.0.1:" + wiretap.port() + "/test-resource"));
            assertTrue(accepted.received("t:ACK c:2.05"), accepted.output());
            server.expectEvent("coaps connected");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openssl", "gnutls"})
    void ourClientAndALibcoapServerVerifyEachOther(String build) throws Exception {
        try (LibcoapServer server = LibcoapServer.start("coap-server-" + build, Loopback.IPV6, "-c",
                file("node.crt"), "-j", file("node.key"), "-R", file("ca.crt"), "-d", "10");
                DtlsWiretap wiretap = new DtlsWiretap(Loopback.IPV6, server.secureAddress());
                TestNode client = TestNode.on(Loopback.IPV6)) {
            client.expectRun("coaps x509", "Done");
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect ::1 " + wiretap.port(), "Done");
            client.expectEvent("coaps connected");
            client.expectRun("coaps put x509 con signed", "Done");
            client.expectResponse("2.01", "coaps response from 0:0:0:0:0:0:0:1");
            client.expectRun("coaps get x509 con", "Done");
            client.expectResponse("2.05", "coaps response from 0:0:0:0:0:0:0:1 with payload: 7369676e6564");
            assertEquals(List.of(TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8), wiretap.serverHelloSuites());
            assertTrue(server.logged("t:ACK c:2.05", "'signed'"), server.logText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openssl", "gnutls"})
    void ourClientRejectsAForeignServerCertificateUnlessStartedWithoutVerification(String build)
            throws Exception {
        try (LibcoapServer server = LibcoapServer.start("coap-server-" + build, Loopback.IPV4, "-c",
                file("foreign.crt"), "-j", file("foreign.key"), "-n");
                TestNode client = TestNode.on(Loopback.IPV4)) {
            client.expectRun("coaps x509", "Done");
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + server.securePort(), "Done");
            client.expectEvent("coaps disconnected");

            client.expectRun("coaps stop", "Done");
            client.expectRun("coaps start false", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + server.securePort(), "Done");
            client.expectEvent("coaps connected");
            client.expectRun("coaps get time con", "Done");
            String time = client.nextEvent(TestNode.EVENT_TIMEOUT);
            assertTrue(time != null && time.startsWith("coaps response from 127.0.0.1 with payload: "), time);
            assertEquals("2.05", ((AgentEvent.ResponseReceived) client.lastEvent()).code());
        }
    }

    private static DtlsWiretap startX509Server(TestNode server, String verify) throws Exception {
        server.expectRun("coaps x509", "Done");
        server.expectRun("coaps start " + verify, "Done");
        server.expectRun("coaps resource test-resource", "Done");
        return new DtlsWiretap(Loopback.IPV4, new InetSocketAddress(Loopback.IPV4, server.port()));
    }

    private static String[] with(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }
}
