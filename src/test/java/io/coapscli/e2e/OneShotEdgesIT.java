package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.coapscli.agent.AgentSettings;
import io.coapscli.testing.CliRun;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/**
 * The one-shot edges a newcomer meets first (issue 14): every argument checked before anything is sent,
 * fast answers where the network or the peer says no, and output a script can rely on. Processes against
 * an in-test coaps-cli server; the server's event lines show whether anything reached it.
 */
class OneShotEdgesIT {

    /** Real timers, as a newcomer has them: a handshake to a silent peer takes 31 s with these. */
    private static final AgentSettings DEFAULT_TIMERS = AgentSettings.defaults();

    private static TestNode pskServer() {
        TestNode server = TestNode.on(Loopback.IPV4, DEFAULT_TIMERS);
        server.expectRun("coaps psk secretPSK Client_identity", "Done");
        server.expectRun("coaps resource r", "Done");
        server.expectRun("coaps set hello", "Done");
        server.expectRun("coaps start", "Done");
        return server;
    }

    private static void assertUsageError(CliRun run, String reason) {
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains(reason), run.stderr());
        assertFalse(run.stderr().contains("Exception") || run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
    }

    @Test
    void aPortOutOfRangeOrZeroIsAUsageErrorInOneLine() throws Exception {
        assertUsageError(CliRun.of("get", "coaps://[::1]:99999/x", "--psk", "k"), "a port is 1 to 65535, not 99999");
        assertUsageError(CliRun.of("get", "coaps://127.0.0.1:0/x", "--psk", "k"), "a port is 1 to 65535, not 0");
        assertUsageError(CliRun.of("get", "coaps://[::1]:abc/x", "--psk", "k"), "Illegal character in port number");
    }

    @Test
    void multicastUnspecifiedAndUnknownZonesAreRefusedWithTheShellsReasons() throws Exception {
        assertUsageError(CliRun.of("get", "coaps://[ff02::1]/x", "--psk", "k"),
                "a multicast address cannot have a DTLS session: ff02::1");
        assertUsageError(CliRun.of("get", "coaps://0.0.0.0/x", "--psk", "k"), "the unspecified address is no peer: 0.0.0.0");
        assertUsageError(CliRun.of("get", "coaps://[fe80::1%25no-such-if]/x", "--psk", "k"),
                "no network interface no-such-if");
    }

    @Test
    void aLinkLocalAddressWithAZoneIsTakenInBothSpellings() throws Exception {
        // lo has no link-local address, so nothing answers: what matters is that the URI is taken and tried.
        for (String uri : List.of("coaps://[fe80::1%25lo]/x", "coaps://[fe80::1%lo]/x")) {
            CliRun run = CliRun.of("get", uri, "--psk", "k", "--dtls-timeout", "20");
            assertEquals(1, run.exitCode(), uri + ": " + run.stderr());
            assertTrue(run.stderr().contains("no session with [fe80:0:0:0:0:0:0:1]:5684"), run.stderr());
        }
    }

    @Test
    void aClosedPortIsReportedWithinASecondNotAfterTheHandshakeTimeout() throws Exception {
        for (String host : List.of("127.0.0.1", "[::1]")) {
            int port = closedUdpPort();
            long start = System.nanoTime();
            CliRun run = CliRun.of("get", "coaps://" + host + ":" + port + "/x", "--psk", "k", "--json");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(1, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("nobody is listening at "), run.stderr());
            // The default handshake gives up after 31 s; process start-up is part of this bound.
            assertTrue(took.toSeconds() < 10, "took " + took);
            JsonNode outcome = new ObjectMapper().readTree(run.stdoutText());
            assertEquals("disconnected", outcome.get("event").asText());
            assertTrue(outcome.get("reason").asText().startsWith("nobody is listening at"), run.stdoutText());
        }
    }

    @Test
    void aClosedPortForPlainCoapIsReportedWithinASecondNotAfterTheRequestTimeout() throws Exception {
        for (String host : List.of("127.0.0.1", "[::1]")) {
            int port = closedUdpPort();
            long start = System.nanoTime();
            CliRun run = CliRun.of("get", "coap://" + host + ":" + port + "/x");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(1, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("nobody is listening at "), run.stderr());
            assertTrue(run.stderr().contains("(error 11: Abort)"), run.stderr());
            // RFC 7252's timing gives up after up to 93 s; process start-up is part of this bound.
            assertTrue(took.toSeconds() < 10, "took " + took);
        }
    }

    @Test
    void aWrongPskIsToldByTheServersAlertAndTheServerPrintsNoDisconnect() throws Exception {
        try (TestNode server = pskServer()) {
            String uri = "coaps://127.0.0.1:" + server.port() + "/r";
            long start = System.nanoTime();
            CliRun wrong = CliRun.of("get", uri, "--psk", "wrongPSK");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(1, wrong.exitCode());
            assertTrue(wrong.stderr().contains("fatal alert DECRYPT_ERROR received from the peer: wrong PSK?"), wrong.stderr());
            assertTrue(took.toSeconds() < 10, "took " + took + " (the handshake timeout is 31 s)");

            // The next session's lines come first: nothing was printed for the one that never connected.
            assertEquals(0, CliRun.of("get", uri, "--psk", "secretPSK").exitCode());
            assertEquals(List.of("coaps connected", "coaps request from 127.0.0.1 GET", "coaps response sent",
                    "coaps disconnected"), server.eventsUntilAll("coaps disconnected"));
        }
    }

    @Test
    void aServerInVerboseModeSaysWhyAClientsHandshakeFailed() throws Exception {
        try (TestNode server = pskServer()) {
            server.expectRun("verbose on", "Done");
            assertEquals(1, CliRun.of("get", "coaps://127.0.0.1:" + server.port() + "/r", "--psk", "wrongPSK").exitCode());
            String detail = server.nextEvent(TestNode.EVENT_TIMEOUT);
            assertTrue(detail.matches("  server session with 127\\.0\\.0\\.1:\\d+: handshake failed: the client's Finished "
                    + "does not decrypt with our PSK: wrong PSK or identity\\? \\(fatal alert DECRYPT_ERROR sent\\)"), detail);
        }
    }

    @Test
    void aNon2xxPrintsItsCodeOnStderrAndLeavesTheOutputFileAsItWas(@TempDir Path dir) throws Exception {
        try (TestNode server = pskServer()) {
            Path keep = dir.resolve("keep.txt");
            Files.writeString(keep, "kept");
            CliRun notFound = CliRun.of("get", "coaps://127.0.0.1:" + server.port() + "/nothing", "--psk", "secretPSK",
                    "-o", keep.toString());
            assertEquals(1, notFound.exitCode());
            assertEquals("coaps-cli: 4.04 Not Found\n", notFound.stderr());
            assertEquals("kept", Files.readString(keep));

            CliRun found = CliRun.of("get", "coaps://127.0.0.1:" + server.port() + "/r", "--psk", "secretPSK",
                    "-o", keep.toString());
            assertEquals(0, found.exitCode(), found.stderr());
            assertEquals("hello", Files.readString(keep));
            try (var left = Files.list(dir)) {
                assertEquals(List.of(keep), left.toList(), "no temporary file left behind");
            }
        }
    }

    @Test
    void whatCannotBeSentOrWrittenIsAUsageErrorBeforeAnySession(@TempDir Path dir) throws Exception {
        try (TestNode server = pskServer()) {
            String base = "coaps://127.0.0.1:" + server.port() + "/";
            assertUsageError(CliRun.of("get", base + "r", "--psk", "secretPSK", "-o", "/nonexistent/dir/f"),
                    "cannot write the payload to /nonexistent/dir/f: no such directory");
            assertUsageError(CliRun.of("get", base + "x".repeat(256), "--psk", "secretPSK"),
                    "a Uri-Path segment has 256 bytes; at most 255");
            assertUsageError(CliRun.of("get", base + "r?" + "q".repeat(300), "--psk", "secretPSK"),
                    "a Uri-Query segment has 300 bytes");
            Path big = dir.resolve("big");
            Files.write(big, new byte[65537]);
            assertUsageError(CliRun.of("put", base + "r", "--psk", "secretPSK", "-f", big.toString()), "larger than 65536");
            assertUsageError(CliRun.of("get", base + "r", "--psk", "secretPSK", "--keylog", "/nonexistent/dir/keys"),
                    "cannot write the key log /nonexistent/dir/keys");

            // None of them reached the server: the first line it prints is this session's.
            assertEquals(0, CliRun.of("get", base + "r", "--psk", "secretPSK").exitCode());
            assertEquals("coaps connected", server.nextEvent(TestNode.EVENT_TIMEOUT));
        }
    }

    @Test
    void withJsonEveryOutcomeIsOneJsonObjectOnStdout() throws Exception {
        try (TestNode server = pskServer()) {
            String uri = "coaps://127.0.0.1:" + server.port() + "/r";
            JsonNode failedHandshake = json(CliRun.of("get", uri, "--psk", "wrongPSK", "--json"));
            assertEquals("disconnected", failedHandshake.get("event").asText());
            assertEquals(false, failedHandshake.get("wasEstablished").asBoolean());
            assertTrue(failedHandshake.get("reason").asText().contains("DECRYPT_ERROR"), failedHandshake.toString());

            JsonNode notFound = json(CliRun.of("get", uri + "/deeper", "--psk", "secretPSK", "--json"));
            assertEquals("4.04", notFound.get("code").asText());
            JsonNode found = json(CliRun.of("get", uri, "--psk", "secretPSK", "--json"));
            assertEquals("hello", found.get("payloadText").asText());
        }
    }

    @Test
    void oneShotsWriteTheKeyLogFromTheOptionOrFromSslKeyLogFile(@TempDir Path dir) throws Exception {
        try (TestNode server = pskServer()) {
            String uri = "coaps://127.0.0.1:" + server.port() + "/r";
            Path byOption = dir.resolve("option.log");
            CliRun run = CliRun.of("get", uri, "--psk", "secretPSK", "--keylog", byOption.toString());
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("writing session secrets to " + byOption), run.stderr());
            assertTrue(Files.readString(byOption).matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}\n"),
                    Files.readString(byOption));

            Path byVariable = dir.resolve("variable.log");
            CliRun fromEnvironment = CliRun.withEnvironment(Map.of("SSLKEYLOGFILE", byVariable.toString()), null,
                    "get", uri, "--psk", "secretPSK");
            assertEquals(0, fromEnvironment.exitCode(), fromEnvironment.stderr());
            assertTrue(Files.readString(byVariable).startsWith("CLIENT_RANDOM "), Files.readString(byVariable));
        }
    }

    @Test
    void mistypedOptionsAndSubcommandsGetOneErrorAndASuggestion() throws Exception {
        CliRun pks = CliRun.of("get", "coaps://[::1]/x", "--pks", "k");
        assertEquals("coaps-cli get: unknown option '--pks'\nDid you mean: --psk?\nTry 'coaps-cli get --help'.\n",
                pks.stderr());
        CliRun gte = CliRun.of("gte", "coaps://[::1]/x");
        assertEquals("coaps-cli: unknown subcommand 'gte'\nDid you mean: get?\nTry 'coaps-cli --help'.\n", gte.stderr());
        CliRun prot = CliRun.of("--prot", "5685");
        assertEquals(2, prot.exitCode());
        assertEquals("coaps-cli: unknown option '--prot'\nDid you mean: --port?\nTry 'coaps-cli --help'.\n", prot.stderr());
    }

    private static JsonNode json(CliRun run) throws Exception {
        List<String> lines = run.stdoutText().lines().toList();
        assertEquals(1, lines.size(), "one JSON object: " + run.stdoutText() + run.stderr());
        return new ObjectMapper().readTree(lines.get(0));
    }

    private static int closedUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
