package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coapscli.dtls.X509Credentials;

/**
 * Keys never leave the process: not on standard output (text, verbose or JSON), not in a log at trace
 * level, not in the interactive history, which is private. Outputs are searched for the PSK in ASCII and
 * in hex (any case, any separators), and for an X.509 private key as pieces of its PEM and as its
 * encoding and private scalar in hex.
 */
class SecretsStayInsideIT {

    private static final String KEY = "Zq7-secret-Key";
    private static final String HEX_KEY = HexFormat.of().formatHex(KEY.getBytes(StandardCharsets.US_ASCII));

    @Test
    void noOutputLogOrHistoryHoldsTheKeyAndTheHistoryIsPrivate(@TempDir Path dir) throws Exception {
        int port = ScriptingIT.freeUdpPort();
        Path serverLog = dir.resolve("server.log");
        Path clientLog = dir.resolve("client.log");
        Path scriptLog = dir.resolve("script.log");
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> serverLines = new ArrayList<>();
        List<String> scriptLines;
        try (ShellProcess server = ShellProcess.launch("--port", String.valueOf(port), "--json", "--verbose",
                "--log-level", "trace", "--log-file", serverLog.toString())) {
            server.send("coaps psk " + KEY + " Client_identity");
            server.send("coaps start");
            server.send("coaps resource r");
            for (int i = 0; i < 3; i++) {
                serverLines.add(server.nextLine());
            }

            try (PtyShell client = PtyShell.launch(home, "--port", "0", "--verbose", "--log-level", "trace",
                    "--log-file", clientLog.toString())) {
                client.type("coaps psk -x " + HEX_KEY + " Client_identity", "Done", 1);
                client.type("coaps psk " + KEY + " Client_identity", "Done", 2);
                client.type("coaps start", "Done", 3);
                client.type("coaps connect 127.0.0.1 " + port, "coaps connected", 1);
                client.type("coaps get r con", "coaps response from 127.0.0.1", 1);
                client.type("coaps psk -x " + HEX_KEY + "0 Client_identity", "Error 7: InvalidArgs", 1);
                client.type("exit", "coaps disconnected", 1);
                client.awaitExit(0);
            }

            Path script = dir.resolve("client.script");
            Files.write(script, List.of("coaps psk -x " + HEX_KEY.toUpperCase(Locale.ROOT) + " Client_identity",
                    "coaps start", "coaps connect ::1 " + port, "coaps get r con", "coaps psk " + KEY + "x",
                    "coaps psk -x " + HEX_KEY + " Client_identity extra"));
            try (ShellProcess scripted = ShellProcess.launch("--port", "0", "--verbose", "--log-level", "trace",
                    "--log-file", scriptLog.toString(), "--script", script.toString())) {
                scriptLines = scripted.linesUntilExit(1);
            }
            assertTrue(scriptLines.contains("coaps connected"), scriptLines.toString());
            server.send("exit");
            serverLines.addAll(server.linesUntilExit(0));
        }
        assertTrue(serverLines.stream().anyMatch(line -> line.contains("\"event\":\"request\"")), serverLines.toString());
        assertTrue(serverLines.contains(
                "{\"type\":\"result\",\"command\":\"coaps psk ******** Client_identity\",\"done\":true,\"line\":\"Done\"}"),
                serverLines.toString());

        Path history = home.resolve(".coaps-cli_history");
        String historyText = Files.readString(history);
        assertTrue(historyText.contains("coaps start") && historyText.contains("coaps get r con"),
                "the history was written: " + historyText);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));

        assertNoKey("the history", historyText);
        assertNoKey("the server's JSON output", String.join("\n", serverLines));
        assertNoKey("the script's verbose output", String.join("\n", scriptLines));
        for (Path log : List.of(serverLog, clientLog, scriptLog)) {
            String text = Files.readString(log);
            assertTrue(text.contains("TRACE"), log + " holds trace lines");
            assertNoKey(log.toString(), text);
        }
    }

    @Test
    void noOutputOrLogHoldsTheX509PrivateKey(@TempDir Path dir) throws Exception {
        byte[] pem = X509Credentials.builtInPem("node.key");
        Path keyFile = Files.write(dir.resolve("node.key"), pem);
        Path certificateFile = Files.write(dir.resolve("node.crt"), X509Credentials.builtInPem("node.crt"));
        String base64 = new String(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        String scalarHex = String.format("%064x", key.getS());

        int port = ScriptingIT.freeUdpPort();
        Path serverLog = dir.resolve("server.log");
        Path clientLog = dir.resolve("client.log");
        List<String> output = new ArrayList<>();
        try (ShellProcess server = ShellProcess.launch("--port", String.valueOf(port), "--verbose", "--log-level",
                "trace", "--log-file", serverLog.toString())) {
            server.run("coaps x509", "Done");
            server.run("coaps start", "Done");
            server.run("coaps resource r", "Done");
            try (ShellProcess client = ShellProcess.launch("--port", "0", "--json", "--log-level", "trace",
                    "--log-file", clientLog.toString(), "-c", "coaps x509 " + certificateFile + " " + keyFile, "-c",
                    "coaps start", "-c", "coaps connect 127.0.0.1 " + port, "-c", "coaps get r con")) {
                output.addAll(client.linesUntilExit(0));
            }
            server.send("exit");
            output.addAll(server.linesUntilExit(0));
        }
        assertTrue(output.stream().anyMatch(line -> line.contains("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8")), output.toString());
        String everything = String.join("\n", output) + Files.readString(serverLog) + Files.readString(clientLog);
        assertTrue(everything.contains("TRACE"));
        for (String line : base64.split("(?<=\\G.{16})")) {
            assertFalse(everything.contains(line), "a piece of the key's PEM: " + line);
        }
        String hexDigitsOnly = everything.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
        assertFalse(hexDigitsOnly.contains(scalarHex), "the private scalar in hex");
        assertFalse(hexDigitsOnly.contains(HexFormat.of().formatHex(der)), "the key's encoding in hex");
    }

    private static void assertNoKey(String where, String text) {
        assertFalse(text.contains(KEY), where + " holds the key in ASCII");
        String hexDigitsOnly = text.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
        assertFalse(hexDigitsOnly.contains(HEX_KEY), where + " holds the key in hex");
    }
}
