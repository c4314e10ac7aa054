package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.coapscli.testing.TestPki;


/**
 * Verbose mode through real processes: every failed handshake says why, below the unchanged
 * OpenThread line, on both sides where both know.
 */
class HandshakeFailureReasonsIT {

    /** A verbose client script that connects once and exits 1; returns its stdout. */
    private static List<String> failingConnect(int port, String credentials) throws Exception {
        try (ShellProcess client = ShellProcess.launch("--port", "0", "--verbose", ScriptingIT.FAST,
                ScriptingIT.FAST_MS, "-c", credentials, "-c", "coaps start", "-c", "coaps connect 127.0.0.1 " + port)) {
            List<String> lines = client.linesUntilExit(1);
            assertEquals(List.of("Done", "Done", "Done", "coaps disconnected"), lines.subList(0, 4), lines.toString());
            return lines;
        }
    }

    private static ShellProcess verboseServer(int port, String credentials) throws Exception {
        ShellProcess server = ShellProcess.launch("--port", String.valueOf(port), "--verbose", ScriptingIT.FAST,
                ScriptingIT.FAST_MS, "-c", credentials, "-c", "coaps start", "-c", "wait");
        server.expect("Done");
        server.expect("Done");
        return server;
    }

    private static void assertDetail(List<String> lines, String... parts) {
        String detail = lines.get(4);
        assertTrue(detail.startsWith("  client session with 127.0.0.1:"), lines.toString());
        for (String part : parts) {
            assertTrue(detail.contains(part), "<" + part + "> in " + detail);
        }
    }

    @Test
    void aWrongPskIsToldByTheServersAlertAndTheServerSaysWhyWithoutADisconnectLine() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        try (ShellProcess server = verboseServer(port, "coaps psk secretPSK Client_identity")) {
            List<String> lines = failingConnect(port, "coaps psk wrongPSK Client_identity");
            assertDetail(lines, "handshake failed: fatal alert DECRYPT_ERROR received from the peer: wrong PSK?");
            // No `coaps disconnected` for a session that never connected: the detail line comes alone.
            String serverDetail = server.nextLine();
            assertTrue(serverDetail.startsWith("  server session with 127.0.0.1:") && serverDetail.contains(
                    "handshake failed: the client's Finished does not decrypt with our PSK: wrong PSK or identity? "
                    + "(fatal alert DECRYPT_ERROR sent)"), serverDetail);
        }
    }

    @Test
    void anUnknownIdentityIsAnsweredLikeAWrongKeyAtOnce() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        try (ShellProcess server = verboseServer(port, "coaps psk secretPSK Client_identity")) {
            List<String> lines = failingConnect(port, "coaps psk secretPSK someone_else");
            assertDetail(lines, "fatal alert DECRYPT_ERROR received from the peer: wrong PSK?");
            assertTrue(server.nextLine().contains("wrong PSK or identity?"));
        }
    }

    @Test
    void noCommonCipherSuiteShowsTheAlertOnBothSides() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        try (ShellProcess server = verboseServer(port, "coaps psk secretPSK Client_identity")) {
            List<String> lines = failingConnect(port, "coaps x509");
            assertDetail(lines, "fatal alert HANDSHAKE_FAILURE received from the peer",
                    "no common cipher suite or parameters?");
            String serverDetail = server.nextLine();
            assertTrue(serverDetail.contains("Client does not propose a common cipher suite")
                    && serverDetail.contains("(fatal alert HANDSHAKE_FAILURE sent)"), serverDetail);
        }
    }

    @Test
    void aRejectedCertificateSaysWhyAndWhichAlertWasSent() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        String foreign = "coaps x509 " + TestPki.file("foreign.crt") + " " + TestPki.file("foreign.key");
        try (ShellProcess server = verboseServer(port, foreign)) {
            List<String> lines = failingConnect(port, "coaps x509");
            assertDetail(lines, "handshake failed:", "sent)");
            assertTrue(lines.get(4).toLowerCase().contains("certificate"), lines.get(4));
            String serverDetail = server.nextLine();
            assertTrue(serverDetail.contains("received from the peer: the peer rejected our certificate"), serverDetail);
        }
    }

    @Test
    void aSilentPeerShowsWhichFlightTimedOut() throws Exception {
        // A socket that reads nothing: the host does not say "port unreachable", the peer just never answers.
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0)) {
            List<String> lines = failingConnect(silent.getLocalPort(), "coaps psk secretPSK Client_identity");
            assertDetail(lines, "handshake failed: timed out: Handshake flight 1 failed! Stopped by timeout after 4 "
                    + "retransmissions!");
        }
    }

    @Test
    void aClosedPortShowsThatNobodyIsListening() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        List<String> lines = failingConnect(port, "coaps psk secretPSK Client_identity");
        assertEquals("  client session with 127.0.0.1:" + port + ": nobody is listening at 127.0.0.1:" + port
                + " (ICMP port unreachable)", lines.get(4));
    }
}
