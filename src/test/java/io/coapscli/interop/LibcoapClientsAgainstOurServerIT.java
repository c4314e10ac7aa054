package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.coapscli.testing.TestNode;

/**
 * libcoap's clients (OpenSSL and GnuTLS builds) against the coaps-cli server with PSK. Over [::1] the
 * client puts the IP literal into SNI; over "localhost" it adds Uri-Host; off port 5684 it adds Uri-Port.
 */
class LibcoapClientsAgainstOurServerIT {

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
        "coap-client-openssl, 127.0.0.1, 127.0.0.1, 127.0.0.1",
        "coap-client-openssl, ::1, [::1], 0:0:0:0:0:0:0:1",
        "coap-client-openssl, 127.0.0.1, localhost, 127.0.0.1",
        "coap-client-gnutls, 127.0.0.1, 127.0.0.1, 127.0.0.1",
        "coap-client-gnutls, ::1, [::1], 0:0:0:0:0:0:0:1",
        "coap-client-gnutls, 127.0.0.1, localhost, 127.0.0.1"})
    void libcoapClientGetsPutsAndGetsAgain(String client, String bind, String uriHost, String printed)
            throws Exception {
        Libcoap.require(client);
        try (TestNode server = TestNode.on(InetAddress.getByName(bind))) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps start", "Done");
            server.expectRun("coaps resource test-resource", "Done");
            String uri = "coaps://" + uriHost + ":" + server.port() + "/test-resource";

            Libcoap.ClientRun get = Libcoap.client(client, "-u", "Client_identity", "-k", "secretPSK", "-m", "get", uri);
            assertTrue(get.received("t:ACK c:2.05"), get.output());
            assertArrayEquals("helloWorld\0".getBytes(StandardCharsets.US_ASCII), get.payload(), get.output());
            server.expectEvent("coaps connected");
            server.expectEvent("coaps request from " + printed + " GET");
            server.expectEventsInAnyOrder("coaps response sent", "coaps disconnected");

            Libcoap.ClientRun put = Libcoap.client(client, "-u", "Client_identity", "-k", "secretPSK", "-m", "put",
                    "-e", "hellothere", uri);
            assertTrue(put.received("t:ACK c:2.04"), put.output());
            server.expectEvent("coaps connected");
            server.expectEvent("coaps request from " + printed + " PUT with payload: 68656c6c6f7468657265");
            server.expectEventsInAnyOrder("coaps response sent", "coaps disconnected");
            server.expectRun("coaps set", "hellothere", "Done");
        }
    }
}
