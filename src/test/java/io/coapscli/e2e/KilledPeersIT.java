package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Peers killed with SIGKILL mid-session, on each side: the survivor notices and goes on. */
class KilledPeersIT {

    private static ShellProcess server(int port, String... extra) throws Exception {
        java.util.List<String> options = new java.util.ArrayList<>(java.util.List.of("--port", String.valueOf(port),
                "--ack-timeout", "100", "--dtls-timeout", "100"));
        options.addAll(java.util.List.of(extra));
        ShellProcess server = ShellProcess.launch(options.toArray(new String[0]));
        server.run("coaps psk secretPSK Client_identity", "Done");
        server.run("coaps start", "Done");
        server.run("coaps resource r", "Done");
        return server;
    }

    @Test
    void aClientNoticesItsKilledServerAndConnectsToTheRestartedOneWithoutADisconnect() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        try (ShellProcess client = ShellProcess.launch("--port", "0", "--ack-timeout", "100", "--dtls-timeout", "100")) {
            client.run("coaps psk secretPSK Client_identity", "Done");
            client.run("coaps start", "Done");
            try (ShellProcess first = server(port)) {
                client.run("coaps connect 127.0.0.1 " + port, "Done", "coaps connected");
                first.expect("coaps connected");
                first.kill();
            }
            client.run("coaps isconnected", "yes", "Done"); // nothing can tell yet
            long asked = System.nanoTime();
            client.run("coaps get r con", "Done", "coaps receive response error 28: ResponseTimeout",
                    "coaps disconnected");
            long ended = (System.nanoTime() - asked) / 1_000_000;
            // The request's five transmissions (3.1 to 4.65 s at --ack-timeout 100), then the ping's: a session
            // that ended after the request alone, without asking the peer, would end before 6.2 s.
            assertTrue(ended >= 6200 && ended < 15_000, "the session ended " + ended + " ms after the request");
            System.out.printf("killed server: the client's session ended %d ms after its next request "
                    + "(--ack-timeout 100)%n", ended);
            try (ShellProcess restarted = server(port)) {
                client.run("coaps connect 127.0.0.1 " + port, "Done", "coaps connected");
                client.run("coaps get r con", "Done", "coaps response from 127.0.0.1 with payload: 68656c6c6f576f726c6400");
                restarted.expect("coaps connected");
                restarted.expect("coaps request from 127.0.0.1 GET");
                // Ended here, not by the server's SIGTERM at the end of the block: its close_notify would
                // race with the client's `exit` below.
                client.run("coaps disconnect", "Done", "coaps disconnected");
            }
            client.run("exit", "Done");
        }
    }

    @Test
    void withReconnectAClientGoesBackToItsRestartedServerByItselfAtTheNextRequest() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        try (ShellProcess client = ShellProcess.launch("--port", "0", "--reconnect", "--ack-timeout", "100",
                "--dtls-timeout", "100")) {
            client.run("coaps psk secretPSK Client_identity", "Done");
            client.run("coaps start", "Done");
            try (ShellProcess first = server(port)) {
                client.run("coaps connect 127.0.0.1 " + port, "Done", "coaps connected");
                first.expect("coaps connected");
                first.kill();
            }
            client.run("coaps get r con", "Done", "coaps receive response error 28: ResponseTimeout",
                    "coaps disconnected");
            try (ShellProcess restarted = server(port)) {
                // No connect: the request brings the session back, and says so.
                client.run("coaps get r con", "Done", "coaps reconnecting to 127.0.0.1:" + port, "coaps connected",
                        "coaps response from 127.0.0.1 with payload: 68656c6c6f576f726c6400");
                restarted.expect("coaps connected");
                restarted.expect("coaps request from 127.0.0.1 GET");
                client.run("coaps disconnect", "Done", "coaps disconnected");
            }
            client.run("exit", "Done");
        }
    }

    @Test
    void aServerEndsTheSessionOfAKilledClientAfterTheIdleTimeout() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        try (ShellProcess server = server(port, "--idle-timeout", "1")) {
            try (ShellProcess client = ShellProcess.launch("--port", "0")) {
                client.run("coaps psk secretPSK Client_identity", "Done");
                client.run("coaps start", "Done");
                client.run("coaps connect ::1 " + port, "Done", "coaps connected");
                server.expect("coaps connected");
                client.kill();
            }
            long killed = System.nanoTime();
            server.expect("coaps disconnected");
            long millis = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(millis < 5000, "ended " + millis + " ms after the kill");
            System.out.printf("killed client: the server's session ended %d ms after the kill (--idle-timeout 1)%n",
                    millis);
            server.run("coaps isconnactive", "no", "Done");
            server.exit();
        }
    }
}
