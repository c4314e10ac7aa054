package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.coapscli.testing.DtlsWiretap;
import io.coapscli.testing.TestNode;

/**
 * libcoap's clients (OpenSSL and GnuTLS builds) against the coaps-cli server with PSK. Over [::1] the
 * client puts the IP literal into SNI; over "localhost" it adds Uri-Host; off port 5684 it adds Uri-Port.
 * Each client run is one DTLS session: the server prints connected, the request, and disconnected.
 */
class LibcoapClientsAgainstOurServerIT {

    private static final String[] PSK = {"-u", "Client_identity", "-k", "secretPSK"};

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
        "coap-client-openssl, 127.0.0.1, 127.0.0.1",
        "coap-client-openssl, ::1, [::1]",
        "coap-client-openssl, 127.0.0.1, localhost",
        "coap-client-gnutls, 127.0.0.1, 127.0.0.1",
        "coap-client-gnutls, ::1, [::1]",
        "coap-client-gnutls, 127.0.0.1, localhost"})
    void libcoapClientRunsEveryCaseAgainstOurServer(String client, String bind, String uriHost) throws Exception {
        Libcoap.require(client);
        InetAddress address = InetAddress.getByName(bind);
        String relay = address.getHostAddress().contains(":") ? "0:0:0:0:0:0:0:1" : "127.0.0.1";
        try (TestNode server = TestNode.on(address);
                DtlsWiretap wiretap = new DtlsWiretap(address, new InetSocketAddress(address, startServer(server)))) {
            String base = "coaps://" + uriHost + ":" + wiretap.port() + "/";

            Libcoap.ClientRun get = run(client, "-m", "get", base + "test-resource");
            assertTrue(get.received("t:ACK c:2.05"), get.output());
            assertArrayEquals("helloWorld\0".getBytes(StandardCharsets.US_ASCII), get.payload(), get.output());
            server.expectEvent("coaps connected");
            server.expectEvent("coaps request from " + relay + " GET");
            server.expectEventsInAnyOrder("coaps response sent", "coaps disconnected");
            assertEquals(List.of(OurClientAgainstLibcoapServersIT.TLS_PSK_WITH_AES_128_CCM_8),
                    wiretap.serverHelloSuites());

            Libcoap.ClientRun put = run(client, "-m", "put", "-e", "hellothere", base + "test-resource");
            assertTrue(put.received("t:ACK c:2.04"), put.output());
            server.expectEvent("coaps connected");
            server.expectEvent("coaps request from " + relay + " PUT with payload: 68656c6c6f7468657265");
            server.expectEventsInAnyOrder("coaps response sent", "coaps disconnected");

            // An unknown path: 4.04 from the CoAP layer and no request line on the server.
            Libcoap.ClientRun unknown = run(client, "-m", "get", base + "no/such/path");
            assertTrue(unknown.received("t:ACK c:4.04"), unknown.output());
            server.expectEvent("coaps connected");
            server.expectEvent("coaps disconnected");

            // Non-confirmable GET: a non-confirmable 2.05.
            Libcoap.ClientRun nonGet = run(client, "-N", "-m", "get", base + "test-resource");
            assertTrue(nonGet.received("t:NON c:2.05"), nonGet.output());
            assertArrayEquals("hellothere".getBytes(StandardCharsets.US_ASCII), nonGet.payload(), nonGet.output());
            server.expectEvent("coaps connected");
            server.expectEvent("coaps request from " + relay + " GET");
            server.expectEventsInAnyOrder("coaps response sent", "coaps disconnected");

            // Non-confirmable PUT: served, not answered (the client gives up after -B 2 seconds).
            Libcoap.ClientRun nonPut = run(client, "-N", "-B", "2", "-m", "put", "-e", "quiet", base + "test-resource");
            assertFalse(nonPut.received("c:2.04"), nonPut.output());
            server.expectEvent("coaps connected");
            server.expectEvent("coaps request from " + relay + " PUT with payload: 7175696574");
            server.expectEvent("coaps disconnected");
            server.expectRun("coaps set", "quiet", "Done");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"coap-client-openssl, tlsv1 alert decrypt error", "coap-client-gnutls, Alert '51': Decrypt error"})
    void aLibcoapClientWithAWrongKeyOrIdentityGetsOurAlertAtOnce(String client, String logged) throws Exception {
        Libcoap.require(client);
        try (TestNode server = TestNode.on(InetAddress.getByName("127.0.0.1"))) {
            String uri = "coaps://127.0.0.1:" + startServer(server) + "/test-resource";
            server.expectRun("verbose on", "Done");
            for (String[] credentials : List.of(new String[] {"-u", "Client_identity", "-k", "wrongPSK"},
                    new String[] {"-u", "someone_else", "-k", "secretPSK"})) {
                long start = System.nanoTime();
                Libcoap.ClientRun wrong = Libcoap.client(client, "-u", credentials[1], "-k", credentials[3], "-m", "get", uri);
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(wrong.output().contains(logged), wrong.output());
                assertFalse(wrong.received("c:2.05"), wrong.output());
                // Without the alert the client retransmits its Finished for the -B 10 s it was given.
                assertTrue(tookMs < 5000, client + " took " + tookMs + " ms");
                // The server's one line for it is verbose mode's detail; no coaps disconnected before it.
                String detail = server.nextEvent(TestNode.EVENT_TIMEOUT);
                assertTrue(detail != null && detail.startsWith("  server session with 127.0.0.1:")
                        && detail.endsWith("wrong PSK or identity? (fatal alert DECRYPT_ERROR sent)"), detail);
            }
            server.expectRun("coaps isconnactive", "no", "Done");
            assertEquals(List.of(), server.drainEvents(), "no line for handshakes that never connected");
        }
    }

    private static int startServer(TestNode server) {
        server.expectRun("coaps psk secretPSK Client_identity", "Done");
        server.expectRun("coaps start", "Done");
        server.expectRun("coaps resource test-resource", "Done");
        return server.port();
    }

    private static Libcoap.ClientRun run(String client, String... args) throws Exception {
        String[] all = new String[PSK.length + args.length];
        System.arraycopy(PSK, 0, all, 0, PSK.length);
        System.arraycopy(args, 0, all, PSK.length, args.length);
        return Libcoap.client(client, all);
    }
}
