package io.coapscli.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coapscli.agent.AgentEvent;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestCertificates;
import io.coapscli.testing.TestNode;

/** Raw public keys (RFC 7250) between two agents: trusted by key, or all trusted with verification off. */
class RawPublicKeyTest {

    private static final String HELLO = "coaps response from 127.0.0.1 with payload: 68656c6c6f576f726c6400";

    @Test
    void twoNodesWithTheBuiltInKeyVerifyEachOtherOverEcdheEcdsaCcm8() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps rpk", "Done");
            server.expectRun("coaps resource r", "Done");
            server.expectRun("coaps start", "Done");
            client.expectRun("coaps rpk", "Done");
            client.expectRun("coaps start", "Done");
            client.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
            client.expectEvent("coaps connected");
            AgentEvent.Connected connected = (AgentEvent.Connected) client.lastEvent();
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", connected.session().cipherSuite());
            assertTrue(connected.session().peerIdentity().startsWith("ni:///sha-256;"), connected.session().peerIdentity());
            server.expectEvent("coaps connected");
            client.expectRun("coaps get r con", "Done");
            client.expectEvent(HELLO);
        }
    }

    @Test
    void aPeerWhoseKeyIsNotTrustedIsRefusedUnlessVerificationIsOff(@TempDir Path dir) throws Exception {
        TestCertificates.writeRawKeyPair(dir, "server");
        TestCertificates.writeRawKeyPair(dir, "client");
        TestCertificates.writeRawKeyPair(dir, "stranger");
        String server = dir.resolve("server").toString();
        String client = dir.resolve("client").toString();
        String stranger = dir.resolve("stranger").toString();
        try (TestNode serverNode = TestNode.on(Loopback.IPV4); TestNode clientNode = TestNode.on(Loopback.IPV4)) {
            serverNode.expectRun("coaps rpk " + server + ".key " + client + ".pub", "Done");
            serverNode.expectRun("coaps resource r", "Done");
            serverNode.expectRun("coaps start", "Done");
            clientNode.expectRun("coaps rpk " + stranger + ".key " + server + ".pub", "Done");
            clientNode.expectRun("coaps start", "Done");
            clientNode.expectRun("coaps connect 127.0.0.1 " + serverNode.port(), "Done");
            clientNode.expectEvent("coaps disconnected");
            // The server prints nothing for a handshake that never connected: its next line is the next session's.

            clientNode.expectRun("coaps rpk " + client + ".key " + server + ".pub", "Done");
            clientNode.expectRun("coaps connect 127.0.0.1 " + serverNode.port(), "Done");
            clientNode.expectEvent("coaps connected");
            serverNode.expectEvent("coaps connected");
            clientNode.expectRun("coaps get r con", "Done");
            clientNode.expectEvent(HELLO);
            clientNode.expectRun("coaps disconnect", "Done");
            clientNode.expectEvent("coaps disconnected");
            serverNode.eventsUntilAll("coaps request from 127.0.0.1 GET", "coaps response sent", "coaps disconnected");

            // coaps start false: any key is accepted, as `coaps start false` accepts any certificate.
            serverNode.expectRun("coaps stop", "Done");
            serverNode.expectRun("coaps start false", "Done");
            clientNode.expectRun("coaps rpk " + stranger + ".key " + server + ".pub", "Done");
            clientNode.expectRun("coaps connect 127.0.0.1 " + serverNode.port(), "Done");
            clientNode.expectEvent("coaps connected");
            serverNode.expectEvent("coaps connected");
        }
    }

    @Test
    void unusableKeyFilesAreRefusedWithAReason(@TempDir Path dir) throws Exception {
        TestCertificates.writeRawKeyPair(dir, "a");
        Path noPublicHalf = dir.resolve("pkcs8.key");
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        Files.writeString(noPublicHalf, TestCertificates.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));
        try (TestNode node = TestNode.on(Loopback.IPV4)) {
            node.expectRun("coaps rpk " + noPublicHalf,
                    "the key file has no public key: use an EC PRIVATE KEY file or add a PUBLIC KEY block",
                    "Error 7: InvalidArgs");
            node.expectRun("coaps rpk " + dir.resolve("a.key") + " " + dir.resolve("a.key"),
                    "no PUBLIC KEY in the trusted keys file", "Error 7: InvalidArgs");
            node.expectRun("coaps rpk " + dir.resolve("a.pub"), "no private key in the key file", "Error 7: InvalidArgs");
            node.expectRun("coaps rpk a b c", "Error 7: InvalidArgs");
        }
    }

    @Test
    void aRefusedKeyFileLeavesTheKeysInUse(@TempDir Path dir) throws Exception {
        TestCertificates.writeRawKeyPair(dir, "a");
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            for (TestNode node : List.of(server, client)) {
                node.expectRun("coaps rpk", "Done");
                node.expectRun("coaps rpk " + dir.resolve("a.pub"), "no private key in the key file",
                        "Error 7: InvalidArgs");
                node.expectRun("coaps start false", "Done");
            }
            // The built-in pair set first still shakes hands: the refused file changed nothing.
            client.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
            client.expectEvent("coaps connected");
            server.expectEvent("coaps connected");
        }
    }
}
