package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coapscli.testing.RequiredProgram;

/**
 * The key log decrypts a real capture: tshark records a session between two coaps-cli processes on
 * loopback, and only with the key-log file does its dissection show the CoAP payloads. The server logs
 * through {@code --keylog}, the client through SSLKEYLOGFILE; both write the same line.
 */
class KeyLogIT {

    private static final String CONTENT_HEX = "7365637265742d7061796c6f61642d3432"; // secret-payload-42
    private static final String PUT_HEX = "66726f6d2d636c69656e742d3737"; // from-client-77

    @Test
    void aCaptureDecryptsWithTheKeyLogAndOnlyWithIt(@TempDir Path dir) throws Exception {
        Path tshark = RequiredProgram.require("tshark", "tshark");
        int port = ScriptingIT.freeUdpPort();
        Path capture = dir.resolve("session.pcapng");
        Path serverLog = dir.resolve("server.keylog");
        Path clientLog = dir.resolve("client.keylog");

        Process capturing = startCapture(tshark, port, capture, dir);
        try (ShellProcess server = ShellProcess.launch("--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--keylog", serverLog.toString());
                ShellProcess client = ShellProcess.launchWithEnvironment(Map.of("SSLKEYLOGFILE", clientLog.toString()),
                        "--bind", "127.0.0.1", "--port", "0")) {
            server.run("coaps psk secretPSK Client_identity", "Done");
            server.run("coaps resource r", "Done");
            server.run("coaps set secret-payload-42", "Done");
            server.run("coaps start", "Done");
            client.run("coaps psk secretPSK Client_identity", "Done");
            client.run("coaps start", "Done");
            client.run("coaps connect 127.0.0.1 " + port, "Done", "coaps connected");
            client.run("coaps get r con", "Done", "coaps response from 127.0.0.1 with payload: " + CONTENT_HEX);
            client.run("coaps put r con from-client-77", "Done", "coaps response from 127.0.0.1");
            client.exit();
            List<String> served = new ArrayList<>();
            while (served.isEmpty() || !served.get(served.size() - 1).equals("coaps disconnected")) {
                served.add(server.nextLine());
            }
            assertTrue(served.contains("coaps request from 127.0.0.1 PUT with payload: " + PUT_HEX), served.toString());
            server.exit();
            awaitCaptured(tshark, capture, port, "dtls.alert_message");
        } finally {
            capturing.destroy(); // SIGTERM to our own tshark: it finishes the file
            assertTrue(capturing.waitFor(30, TimeUnit.SECONDS), "tshark ended");
        }

        List<String> serverLines = Files.readAllLines(serverLog);
        assertEquals(1, serverLines.size(), serverLines.toString());
        assertTrue(serverLines.get(0).matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}"), serverLines.get(0));
        assertEquals(serverLines, Files.readAllLines(clientLog), "both ends log the same session secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(serverLog)));

        String decrypted = dissect(tshark, capture, port, clientLog);
        assertTrue(decrypted.contains(CONTENT_HEX), decrypted);
        assertTrue(decrypted.contains(PUT_HEX), decrypted);
        String withoutKeys = dissect(tshark, capture, port, null);
        assertFalse(withoutKeys.contains(CONTENT_HEX) || withoutKeys.contains(PUT_HEX), withoutKeys);
    }

    @Test
    void aKeyLogThatCannotBeWrittenIsAUsageErrorUnlessItCameFromTheEnvironment(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("no/such/dir/keys.log").toString();
        try (ShellProcess explicit = ShellProcess.launch("--port", "0", "--keylog", missing, "-c", "coaps isclosed")) {
            assertEquals(List.of(), explicit.linesUntilExit(2));
            assertTrue(explicit.stderrText().contains("cannot write the key log " + missing + ": no such directory"),
                    explicit.stderrText());
        }
        try (ShellProcess inherited = ShellProcess.launchWithEnvironment(Map.of("SSLKEYLOGFILE", missing), "--port", "0",
                "-c", "coaps isclosed")) {
            assertEquals(List.of("yes", "Done"), inherited.linesUntilExit(0));
            assertTrue(inherited.stderrText().contains("SSLKEYLOGFILE " + missing + " cannot be written"),
                    inherited.stderrText());
        }
    }

    /** Starts tshark on loopback for the port and waits until it captures. */
    private static Process startCapture(Path tshark, int port, Path capture, Path dir) throws Exception {
        Process process = new ProcessBuilder(tshark.toString(), "-i", "lo", "-f", "udp port " + port, "-w",
                capture.toString()).redirectOutput(dir.resolve("tshark.out").toFile()).start();
        CountDownLatch capturing = new CountDownLatch(1);
        List<String> said = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    synchronized (said) {
                        said.add(line);
                    }
                    if (line.startsWith("Capturing on")) {
                        capturing.countDown();
                    }
                }
            } catch (IOException e) {
                // tshark ended
            }
        }, "tshark-stderr");
        reader.setDaemon(true);
        reader.start();
        if (!capturing.await(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            String reason;
            synchronized (said) {
                reason = "tshark did not start capturing on lo (root or CAP_NET_RAW needed): " + said;
            }
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + "; CI must run this test");
            }
            org.junit.jupiter.api.Assumptions.abort(reason);
        }
        return process;
    }

    /** Waits until the capture file holds a frame matching the filter: tshark writes its file in bursts. */
    private static void awaitCaptured(Path tshark, Path capture, int port, String filter) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Process process = new ProcessBuilder(tshark.toString(), "-r", capture.toString(), "-d",
                    "udp.port==" + port + ",dtls", "-Y", filter, "-T", "fields", "-e", "frame.number")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String frames = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            if (!frames.isBlank()) {
                return;
            }
            Thread.sleep(200);
        }
        fail("the capture never showed " + filter);
    }

    /** The capture's CoAP codes and payload bytes as tshark decodes them, with or without the key log. */
    private static String dissect(Path tshark, Path capture, int port, Path keyLog) throws Exception {
        List<String> command = new ArrayList<>(List.of(tshark.toString(), "-r", capture.toString(),
                "-d", "udp.port==" + port + ",dtls", "-d", "dtls.port==" + port + ",coap"));
        if (keyLog != null) {
            command.addAll(List.of("-o", "tls.keylog_file:" + keyLog));
        }
        command.addAll(List.of("-Y", "coap", "-T", "fields", "-e", "coap.code", "-e", "data.data"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "tshark -r ended");
        return out;
    }
}
