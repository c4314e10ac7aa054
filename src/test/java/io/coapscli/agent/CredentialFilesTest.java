package io.coapscli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.Test;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;
import io.coapscli.testing.TestPki;

/**
 * {@code coaps x509 <cert.pem> <key.pem> [<ca.pem>]} with files made in the test: a certificate chain,
 * SEC1 and PKCS#8 keys, several trust anchors, and the errors that keep the previous credentials.
 */
class CredentialFilesTest {

    private static String file(String name) {
        return TestPki.file(name);
    }

    @Test
    void aServerWithAChainAndTwoTrustAnchorsVerifiesAndIsVerified() {
        for (String key : new String[] {"leaf.key", "leaf-pkcs8.key"}) {
            try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
                server.expectRun("coaps x509 " + file("chain.crt") + " " + file(key) + " " + file("anchors.pem"), "Done");
                server.expectRun("coaps start", "Done");
                // The client presents the built-in node certificate and trusts only the new root.
                client.expectRun("coaps x509 " + file("node.crt") + " " + file("node.key") + " " + file("root.crt"),
                        "Done");
                client.expectRun("coaps start", "Done");
                client.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
                client.expectEvent("coaps connected");
                server.expectEvent("coaps connected");
                AgentEvent.Connected connected = (AgentEvent.Connected) client.lastEvent();
                assertEquals("CN=coaps-cli test leaf", connected.session().peerIdentity());
                assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", connected.session().cipherSuite());
            }
        }
    }

    @Test
    void aChainSignedWithSha384IsTakenAndVerified() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps x509 " + file("chain-sha384.crt") + " " + file("leaf.key") + " "
                    + file("anchors.pem"), "Done");
            server.expectRun("coaps start", "Done");
            client.expectRun("coaps x509 " + file("node.crt") + " " + file("node.key") + " " + file("root.crt"), "Done");
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
            client.expectEvent("coaps connected");
            server.expectEvent("coaps connected");
        }
    }

    @Test
    void aPeerWhoseChainDoesNotLeadToATrustAnchorIsRejected() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps x509 " + file("chain.crt") + " " + file("leaf.key"), "Done");
            server.expectRun("coaps start", "Done");
            client.expectRun("coaps x509", "Done"); // trusts only the built-in CA
            client.expectRun("coaps start", "Done");
            client.expectRun("verbose on", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
            client.expectEvent("coaps disconnected");
            String reason = client.nextEvent(TestNode.EVENT_TIMEOUT);
            assertEquals(true, reason.contains("handshake failed") && reason.contains("sent)"), reason);
        }
    }

    @Test
    void badFilesAreClearErrorsAndThePreviousCredentialsStayInForce() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps x509", "Done");
            server.expectRun("coaps start", "Done");
            client.expectRun("coaps x509", "Done");
            client.expectRun("coaps x509 " + file("chain.crt") + " " + file("foreign.key"),
                    "the private key does not match the certificate", "Error 7: InvalidArgs");
            client.expectRun("coaps x509 " + file("missing.crt") + " " + file("leaf.key"),
                    "cannot read " + file("missing.crt") + ": no such file", "Error 7: InvalidArgs");
            client.expectRun("coaps x509 " + file("chain.crt") + " " + file("chain.crt"),
                    "no private key in the key file", "Error 7: InvalidArgs");
            client.expectRun("coaps x509 " + file("node.crt") + " " + file("node.key") + " " + file("node.key"),
                    "no certificate in the CA file", "Error 7: InvalidArgs");
            // Still the built-in identity: it connects to a built-in server.
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
            client.expectEvent("coaps connected");
        }
    }
}
