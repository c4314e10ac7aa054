package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What a user sees: two coaps-cli processes started through ./coaps-cli, talking over loopback. */
class LauncherTranscriptIT {

    @Test
    void twoProcessesReproduceTheReferenceTranscriptOverIpv6() throws Exception {
        int serverPort = freeUdpPort();
        int clientPort = freeUdpPort();
        try (ShellProcess server = ShellProcess.launch("--port", String.valueOf(serverPort));
                ShellProcess client = ShellProcess.launch("--port", String.valueOf(clientPort))) {
            server.run("coaps psk secretPSK Client_identity", "Done");
            server.run("coaps start", "Done");
            server.run("coaps resource test-resource", "Done");

            client.run("coaps psk secretPSK Client_identity", "Done");
            client.run("coaps start", "Done");
            client.run("coaps connect ::1 " + serverPort, "Done", "coaps connected");
            server.expect("coaps connected");

            client.run("coaps get test-resource", "Done",
                    "coaps response from 0:0:0:0:0:0:0:1 with payload: 68656c6c6f576f726c6400");
            server.expect("coaps request from 0:0:0:0:0:0:0:1 GET");
            server.expect("coaps response sent");

            client.run("coaps put test-resource con hellothere", "Done", "coaps response from 0:0:0:0:0:0:0:1");
            server.expect("coaps request from 0:0:0:0:0:0:0:1 PUT with payload: 68656c6c6f7468657265");
            server.expect("coaps response sent");

            client.run("coaps get test-resource", "Done",
                    "coaps response from 0:0:0:0:0:0:0:1 with payload: 68656c6c6f7468657265");
            server.expect("coaps request from 0:0:0:0:0:0:0:1 GET");
            server.expect("coaps response sent");

            // exit closes the session with close_notify: the server sees it end.
            client.run("exit", "Done", "coaps disconnected");
            client.awaitExit(0);
            server.expect("coaps disconnected");
            server.exit();
            assertEquals(List.of(), server.remainingLines());
        }
    }

    @Test
    void endOfInputStopsTheAgentAndExitsZero() throws Exception {
        try (ShellProcess node = ShellProcess.launch("--port", "0")) {
            node.run("coaps start", "Done");
            node.run("coaps isclosed", "no", "Done");
            node.closeInput();
            node.awaitExit(0);
        }
    }

    @Test
    void aBadOptionExitsWithStatusTwoAndSaysWhy() throws Exception {
        try (ShellProcess node = ShellProcess.launch("--port", "70000")) {
            node.awaitExit(2);
            assertTrue(node.stderrText().contains("--port takes a number from 0 to 65535, not 70000"),
                    node.stderrText());
        }
    }

    @Test
    void helpAndVersionPrintAndExitZero() throws Exception {
        try (ShellProcess help = ShellProcess.launch("--help")) {
            help.expect("Usage: coaps-cli [options]");
            help.awaitExit(0);
        }
        try (ShellProcess version = ShellProcess.launch("--version")) {
            version.expect("coaps-cli 0.1.0-SNAPSHOT");
            version.awaitExit(0);
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
