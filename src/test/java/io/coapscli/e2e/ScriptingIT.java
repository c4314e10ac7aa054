package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripted runs through the launcher: each command after the previous outcome, and an honest exit status. */
class ScriptingIT {

    static final String FAST = "--dtls-timeout";
    static final String FAST_MS = "100";

    static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A PSK server script that serves resource "r" until SIGTERM. */
    static ShellProcess pskServer(int port) throws Exception {
        ShellProcess server = ShellProcess.launch("--port", String.valueOf(port), FAST, FAST_MS,
                "-c", "coaps psk secretPSK Client_identity", "-c", "coaps start", "-c", "coaps resource r",
                "-c", "wait");
        server.expect("Done");
        server.expect("Done");
        server.expect("Done");
        return server;
    }

    @Test
    void aScriptPrintsNothingOnStderrNotEvenLoggingsStartUpNotes() throws Exception {
        // The crypto warm-up thread and the main thread both log while SLF4J initialises; it then printed a
        // warning about "replayed" calls in about half the runs.
        for (int run = 0; run < 10; run++) {
            io.coapscli.testing.CliRun script = io.coapscli.testing.CliRun.of("--port", "0", "-c", "coaps start");
            org.junit.jupiter.api.Assertions.assertEquals(0, script.exitCode(), script.stderr());
            org.junit.jupiter.api.Assertions.assertEquals("", script.stderr(), "run " + run);
        }
    }

    @Test
    void aClientScriptConnectsGetsAndExitsZero() throws Exception {
        int port = freeUdpPort();
        try (ShellProcess server = pskServer(port);
                ShellProcess client = ShellProcess.launch("--port", "0", "-c", "coaps psk secretPSK Client_identity",
                        "-c", "coaps start", "-c", "coaps connect ::1 " + port, "-c", "coaps get r", "-c",
                        "coaps put r con scripted", "-c", "coaps get r con")) {
            assertEquals(List.of("Done", "Done", "Done", "coaps connected", "Done",
                    "coaps response from 0:0:0:0:0:0:0:1 with payload: 68656c6c6f576f726c6400", "Done",
                    "coaps response from 0:0:0:0:0:0:0:1", "Done",
                    "coaps response from 0:0:0:0:0:0:0:1 with payload: 7363726970746564",
                    "coaps disconnected"), client.linesUntilExit(0));
            server.expect("coaps connected");
            server.expect("coaps request from 0:0:0:0:0:0:0:1 GET");
        }
    }

    @Test
    void aScriptWhoseRequestFailsExitsOne() throws Exception {
        int port = freeUdpPort();
        try (ShellProcess server = pskServer(port);
                ShellProcess client = ShellProcess.launch("--port", "0", "-c", "coaps psk secretPSK Client_identity",
                        "-c", "coaps start", "-c", "coaps connect 127.0.0.1 " + port, "-c", "coaps get missing con")) {
            List<String> lines = client.linesUntilExit(1);
            assertEquals("coaps response from 127.0.0.1", lines.get(5), lines.toString());
        }
    }

    @Test
    void aScriptWhoseConnectFailsExitsOneAndHoldsTheNextCommandBack() throws Exception {
        int silent = freeUdpPort();
        try (ShellProcess client = ShellProcess.launch("--port", "0", FAST, FAST_MS, "-c",
                "coaps psk secretPSK Client_identity", "-c", "coaps start", "-c", "coaps connect 127.0.0.1 " + silent,
                "-c", "coaps isconnactive")) {
            // isconnactive ran only after the connect's outcome, so it says no.
            assertEquals(List.of("Done", "Done", "Done", "coaps disconnected", "no", "Done"), client.linesUntilExit(1));
        }
    }

    @Test
    void debugLogsGoToStderrAndNeverIntoTheShellsOutput() throws Exception {
        int port = freeUdpPort();
        try (ShellProcess server = pskServer(port);
                ShellProcess client = ShellProcess.launch("--port", "0", "--log-level", "debug", "-c",
                        "coaps psk secretPSK Client_identity", "-c", "coaps start", "-c", "coaps connect 127.0.0.1 " + port,
                        "-c", "coaps get r con")) {
            assertEquals(List.of("Done", "Done", "Done", "coaps connected", "Done",
                    "coaps response from 127.0.0.1 with payload: 68656c6c6f576f726c6400", "coaps disconnected"),
                    client.linesUntilExit(0));
            assertTrue(client.stderrText().contains("DEBUG org.eclipse.californium"), "debug logs on stderr");
        }
    }

    @Test
    void aScriptWithAFailingCommandExitsOne() throws Exception {
        try (ShellProcess client = ShellProcess.launch("--port", "0", "-c", "coaps frobnicate", "-c", "coaps isclosed")) {
            assertEquals(List.of("Error 35: InvalidCommand", "yes", "Done"), client.linesUntilExit(1));
        }
    }

    @Test
    void aScriptFileWithCommentsRunsLikeRepeatedDashC(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("check.coaps");
        Files.writeString(script, "# a connectivity check\ncoaps start\n\ncoaps isclosed\nexit\ncoaps isclosed\n");
        try (ShellProcess client = ShellProcess.launch("--port", "0", "--script", script.toString())) {
            assertEquals(List.of("Done", "no", "Done", "Done"), client.linesUntilExit(0));
        }
        try (ShellProcess missing = ShellProcess.launch("--script", dir.resolve("absent").toString())) {
            missing.awaitExit(2);
            assertTrue(missing.stderrText().contains("cannot read script"), missing.stderrText());
        }
    }

    @Test
    void unusableLogFilesAndScriptFilesAreUsageErrorsWithoutAStackTrace(@TempDir Path dir) throws Exception {
        String missingDirectory = dir.resolve("no-such-dir").resolve("coaps.log").toString();
        try (ShellProcess process = ShellProcess.launch("--log-file", missingDirectory, "-c", "coaps isclosed")) {
            assertEquals(List.of(), process.linesUntilExit(2));
            assertTrue(process.stderrText().contains("cannot write the log file " + missingDirectory
                    + ": no such directory"), process.stderrText());
            assertFalse(process.stderrText().contains("Exception"), process.stderrText());
        }
        long started = System.nanoTime();
        try (ShellProcess process = ShellProcess.launch("--script", "/dev/zero")) {
            assertEquals(List.of(), process.linesUntilExit(2));
            assertTrue(process.stderrText().contains("cannot read script /dev/zero: not a regular file"),
                    process.stderrText());
        }
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "refused at once, not read until memory ran out");
    }

    @Test
    void sigtermEndsAServingScriptWithCloseNotifyAndStatusZero() throws Exception {
        int port = freeUdpPort();
        try (ShellProcess server = pskServer(port); ShellProcess client = ShellProcess.launch("--port", "0")) {
            client.run("coaps psk secretPSK Client_identity", "Done");
            client.run("coaps start", "Done");
            client.run("coaps connect 127.0.0.1 " + port, "Done", "coaps connected");
            server.expect("coaps connected");

            server.terminate();
            client.expect("coaps disconnected");
            assertEquals(List.of("Done", "coaps disconnected"), server.linesUntilExit(0), "wait's Done, then the stop; stderr: " + server.stderrText());
            client.exit();
        }
    }
}
