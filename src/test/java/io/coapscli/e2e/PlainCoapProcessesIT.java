package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The plain coap agent and block-wise coaps between two coaps-cli processes, as a user runs them: a server
 * script that serves until SIGTERM, a client script whose exit status says whether everything worked.
 */
class PlainCoapProcessesIT {

    @Test
    void aPlainClientScriptFetchesBlocksAndUploadsToAPlainServerProcess() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        try (ShellProcess server = ShellProcess.launch("--port", "0", "--coap-port", String.valueOf(port),
                "-c", "coap start", "-c", "coap resource r 2", "-c", "wait")) {
            server.expect("Done");
            server.expect("Done");
            String peer = "127.0.0.1:" + port;
            List<String> lines = new ArrayList<>();
            try (ShellProcess client = ShellProcess.launch("--port", "0", "--coap-port", "0", "-c", "coap start",
                    "-c", "coap get " + peer + " r block-16", "-c", "coap put " + peer + " r block-16 2",
                    "-c", "coap get " + peer + " r con")) {
                assertEquals(0, client.linesUntilAnyExit(Duration.ofSeconds(60), lines), lines.toString());
            }
            assertEquals(List.of("Done", "Done", "received block: Num 0 Len 16"), lines.subList(0, 3));
            assertTrue(lines.get(4).equals("received block: Num 1 Len 16"), lines.toString());
            assertEquals("coap response from 127.0.0.1 with payload: " + lines.get(5), lines.get(6));
            assertEquals(List.of("send block: Num 0 Len 16"), lines.subList(7, 8));
            assertEquals("Done", lines.get(9));
            assertEquals(List.of("send block: Num 1 Len 16"), lines.subList(10, 11));
            assertEquals("coap response from 127.0.0.1", lines.get(12));
            assertEquals(List.of("Done", "coap response from 127.0.0.1 with payload: " + lines.get(8) + lines.get(11)),
                    lines.subList(13, 15));

            server.expect("coap request from 127.0.0.1 GET");
            server.expect("send block: Num 0 Len 16");
            assertTrue(server.nextLine().matches("[0-9a-f]{32}"));
            server.expect("coap response sent");
            server.expect("send block: Num 1 Len 16");
            assertTrue(server.nextLine().matches("[0-9a-f]{32}"));
            server.expect("received block: Num 0 Len 16");
            assertEquals(lines.get(8), server.nextLine());
            server.expect("received block: Num 1 Len 16");
            assertEquals(lines.get(11), server.nextLine());
            server.expect("coap request from 127.0.0.1 PUT with payload: " + lines.get(11));
            server.expect("coap response sent");
            server.terminate();
        }
    }
}
