package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.coapscli.testing.DtlsWiretap;
import io.coapscli.testing.TestNode;

/**
 * The coaps-cli client against libcoap's servers (OpenSSL and GnuTLS builds) with PSK, on a
 * non-default port, over IPv4 and IPv6. A wiretap between them reads the negotiated suite off the wire.
 */
class OurClientAgainstLibcoapServersIT {

    static final int TLS_PSK_WITH_AES_128_CCM_8 = 0xC0A8;

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "coap-server-openssl, 127.0.0.1, 127.0.0.1",
        "coap-server-openssl, ::1, 0:0:0:0:0:0:0:1",
        "coap-server-gnutls, 127.0.0.1, 127.0.0.1",
        "coap-server-gnutls, ::1, 0:0:0:0:0:0:0:1"})
    void everyMethodWorksAndTheSuiteIsPskAes128Ccm8(String program, String loopback, String printed)
            throws Exception {
        InetAddress address = InetAddress.getByName(loopback);
        try (LibcoapServer server = LibcoapServer.start(program, address, "-k", "secretPSK", "-d", "10");
                DtlsWiretap wiretap = new DtlsWiretap(address, server.secureAddress());
                TestNode client = TestNode.on(address)) {
            client.expectRun("coaps psk secretPSK Client_identity", "Done");
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect " + loopback + " " + wiretap.port(), "Done");
            client.expectEvent("coaps connected");
            assertEquals(List.of(TLS_PSK_WITH_AES_128_CCM_8), wiretap.serverHelloSuites());

            client.expectRun("coaps put test con hello", "Done");
            client.expectResponse("2.01", "coaps response from " + printed);
            client.expectRun("coaps put test con hellothere", "Done");
            client.expectResponse("2.04", "coaps response from " + printed);
            client.expectRun("coaps get test con", "Done");
            client.expectResponse("2.05", "coaps response from " + printed + " with payload: 68656c6c6f7468657265");
            client.expectRun("coaps post test con posted", "Done");
            client.expectResponse("2.04", "coaps response from " + printed);
            client.expectRun("coaps get test", "Done");
            client.expectResponse("2.05", "coaps response from " + printed + " with payload: 706f73746564");
            client.expectRun("coaps delete test con", "Done");
            client.expectResponse("2.02", "coaps response from " + printed);
            client.expectRun("coaps get test con", "Done");
            client.expectResponse("4.04", "coaps response from " + printed + " with payload: 4e6f7420466f756e64");

            // The same exchanges, as the server logged them.
            assertTrue(server.logged("t:CON c:PUT", "Uri-Path:test", "'hellothere'"), server.logText());
            assertTrue(server.logged("t:ACK c:2.01"), server.logText());
            assertTrue(server.logged("t:NON c:GET", "Uri-Path:test"), server.logText());
            assertTrue(server.logged("t:NON c:2.05", "'posted'"), server.logText());
            assertTrue(server.logged("t:ACK c:2.02"), server.logText());
            assertTrue(server.logged("t:ACK c:4.04"), server.logText());

            client.expectRun("coaps disconnect", "Done");
            client.expectEvent("coaps disconnected");
            assertEquals(List.of(TLS_PSK_WITH_AES_128_CCM_8), wiretap.serverHelloSuites());
        }
    }
}
