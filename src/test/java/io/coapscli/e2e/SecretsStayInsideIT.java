package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PSK never leaves the process: not on standard output (text, verbose or JSON), not in a log at
 * trace level, not in the interactive history, which is private. Every output is searched for the key in
 * ASCII and in hex (any case, any separators).
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

    private static void assertNoKey(String where, String text) {
        assertFalse(text.contains(KEY), where + " holds the key in ASCII");
        String hexDigitsOnly = text.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
        assertFalse(hexDigitsOnly.contains(HEX_KEY), where + " holds the key in hex");
    }
}
