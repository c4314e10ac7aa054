package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell on a pseudo-terminal, as a person uses it: Tab completes what each argument takes,
 * and a long line pasted in one go is taken quickly, whole.
 */
class TerminalShellIT {

    @Test
    void tabCompletesFileNamesTypesAndValuesNotSubcommandsFromTheThirdWord(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("device-cert.pem"), "");
        try (PtyShell shell = PtyShell.launch(home, "--port", "0")) {
            shell.type("help", "Done", 1);
            shell.awaitPrompt(2);
            // A file name after coaps x509: the only file with this prefix is completed in place.
            shell.press("coaps x509 " + home + "/device-c\t");
            shell.awaitScreen("device-cert.pem", 1);
            shell.press("\u0015"); // Ctrl-U: drop the line
            // The type of a request: both choices are listed, and no subcommand among them.
            shell.press("coaps get test/resource \t\t");
            shell.awaitScreen("non-con", 1);
            shell.press("\u0015");
            shell.press("verbose o\t\t");
            shell.awaitScreen("off", 1);
            shell.press("\u0015");
            shell.type("coaps isclosed", "yes", 1);
            assertFalse(shell.screen().contains("isconnactive"), "subcommands offered after coaps get: " + shell.screen());
            shell.type("exit", "Done", 3);
            shell.awaitExit(0);
        }
    }

    @Test
    void aPasted64KiBLineIsTakenWholeAndQuickly(@TempDir Path home) throws Exception {
        String content = "p".repeat(65_000) + "END";
        try (PtyShell shell = PtyShell.launch(home, "--port", "0")) {
            shell.type("help", "Done", 1);
            // At the prompt, the terminal is in raw mode: before it, the pty's line discipline would keep only
            // 4095 characters of a line, as it does for any program that reads lines.
            shell.awaitPrompt(2);
            long start = System.nanoTime();
            // One write, as a terminal delivers a paste that it does not bracket.
            shell.press("coaps set " + content + "\r");
            shell.awaitScreen("Done", 2);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // Before, JLine redrew the line for each key: 20,000 characters took 21 s, this would take minutes.
            assertTrue(took.toSeconds() < 10, "a 64 KiB paste took " + took);
            // The content as `coaps set` prints it, whole (the echo of the paste may or may not hold it in one piece).
            int before = occurrences(shell.screen(), content);
            shell.type("coaps set", content, before + 1);
            shell.type("exit", "Done", 4);
            shell.awaitExit(0);
        }
    }

    @Test
    void aOneShotOnATerminalSaysWhileItWaitsForASilentPeer(@TempDir Path home) throws Exception {
        // A socket that reads nothing: no ICMP answer, the handshake just waits.
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0)) {
            try (PtyShell oneShot = PtyShell.launch(home, "get", "coaps://127.0.0.1:" + silent.getLocalPort() + "/r",
                    "--psk", "secretPSK", "--dtls-timeout", "1000")) {
                oneShot.awaitScreen("coaps-cli: no answer from 127.0.0.1:" + silent.getLocalPort()
                        + " yet; the handshake gives up after 31 s (--dtls-timeout)...", 1);
            }
        }
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
