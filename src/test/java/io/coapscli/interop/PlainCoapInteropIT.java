package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/**
 * The plain {@code coap} agent against libcoap's notls builds, both ways: requests, observe and
 * block-wise transfers, with OpenThread's lines.
 */
class PlainCoapInteropIT {

    private static final String CLIENT = "coap-client-notls";
    private static final String LOCAL = "127.0.0.1";

    @Test
    void libcoapsPlainClientGetsPutsPostsAndDeletesOnOurResource() throws Exception {
        try (TestNode server = started("coap resource test-resource", "coap set hello")) {
            String uri = "coap://127.0.0.1:" + server.coapPort() + "/test-resource";
            Libcoap.ClientRun got = Libcoap.client(CLIENT, "-m", "get", uri);
            assertEquals("hello", new String(got.payload(), StandardCharsets.UTF_8), got.output());
            server.expectEvent("coap request from " + LOCAL + " GET");
            server.expectEvent("coap response sent");

            assertTrue(Libcoap.client(CLIENT, "-m", "put", "-e", "x", uri).received("c:2.04"));
            server.expectEvent("coap request from " + LOCAL + " PUT with payload: 78");
            server.expectEvent("coap response sent");
            assertTrue(Libcoap.client(CLIENT, "-m", "post", "-e", "yz", uri).received("c:2.04"));
            server.expectEvent("coap request from " + LOCAL + " POST with payload: 797a");
            server.expectEvent("coap response sent");
            assertTrue(Libcoap.client(CLIENT, "-m", "delete", uri).received("c:2.02"));
            server.expectEvent("coap request from " + LOCAL + " DELETE");
            server.expectEvent("coap response sent");
            // A non-confirmable GET prints the same two lines; an unknown path none (libcoap sees 4.04).
            Libcoap.client(CLIENT, "-N", "-m", "get", uri);
            server.expectEvent("coap request from " + LOCAL + " GET");
            server.expectEvent("coap response sent");
            assertTrue(Libcoap.client(CLIENT, "-m", "get", "coap://127.0.0.1:" + server.coapPort() + "/nothere")
                    .received("c:4.04"));
        }
    }

    @Test
    void libcoapObservesOurPlainResourceAndABlockwiseGetGetsItsRandomBlocks() throws Exception {
        try (TestNode server = started("coap resource test-resource 3")) {
            String uri = "coap://127.0.0.1:" + server.coapPort() + "/test-resource";
            CompletableFuture<Libcoap.ClientRun> observing = CompletableFuture.supplyAsync(() -> {
                try {
                    return Libcoap.client(CLIENT, "-s", "3", "-m", "get", uri);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            server.expectEvent("coap request from " + LOCAL + " GET OBS=0");
            server.expectEvent("Subscribing client");
            server.expectEvent("coap response sent");
            server.expectRun("coap set change1", "sending coap notification to " + LOCAL, "Done");
            server.expectEvent("Received coap notification ACK from " + LOCAL);
            Libcoap.ClientRun observed = observing.get(Libcoap.CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(observed.output().contains("'change1'"), observed.output());
            // libcoap deregisters with a GET with Observe=1 as it leaves.
            server.eventsUntilAll("Removed subscriber " + LOCAL, "coap response sent");

            Libcoap.ClientRun blocks = Libcoap.client(CLIENT, "-b", "64", "-m", "get", uri);
            server.expectEvent("coap request from " + LOCAL + " GET");
            server.expectEvent("send block: Num 0 Len 64");
            StringBuilder sent = new StringBuilder(String.join("", server.rows(4)));
            server.expectEvent("coap response sent");
            for (int number = 1; number < 3; number++) {
                server.expectEvent("send block: Num " + number + " Len 64");
                sent.append(String.join("", server.rows(4)));
            }
            assertEquals(sent.toString(), HexFormat.of().formatHex(blocks.payload()), blocks.output());
        }
    }

    @Test
    void ourPlainClientAgainstLibcoapsPlainServer(@TempDir Path dir) throws Exception {
        Path big = Files.write(dir.resolve("big"), "ABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(12).substring(0, 300)
                .getBytes(StandardCharsets.US_ASCII));
        try (LibcoapServer server = LibcoapServer.start("coap-server-notls", Loopback.IPV4, "-d", "10");
                TestNode client = started()) {
            int port = server.securePort() - 1;
            String base = "coap://127.0.0.1:" + port + "/";
            assertTrue(Libcoap.client(CLIENT, "-m", "put", "-f", big.toString(), base + "big").received("c:2.01"));
            String peer = LOCAL + ":" + port;

            client.expectRun("coap get " + peer + " nope con", "Done");
            client.expectEvent("coap response from " + LOCAL + " with payload: 4e6f7420466f756e64");
            client.expectRun("coap get " + peer + " big block-64", "Done");
            for (int number = 0; number < 4; number++) {
                client.expectEvent("received block: Num " + number + " Len 64");
                client.rows(4);
            }
            client.expectEvent("received block: Num 5 Len 44");
            client.rows(2);
            client.expectEvent("coap response from " + LOCAL + " with payload: "
                    + HexFormat.of().formatHex(Files.readAllBytes(big), 256, 300));

            List<String> output = client.run("coap put " + peer + " up block-32 2");
            assertEquals(List.of("send block: Num 0 Len 32"), output.subList(0, 1));
            assertEquals("Done", output.get(3));
            client.expectEvent("send block: Num 1 Len 32");
            List<String> second = client.rows(2);
            client.expectEvent("coap response from " + LOCAL);
            Libcoap.ClientRun stored = Libcoap.client(CLIENT, "-m", "get", base + "up");
            assertEquals(output.get(1) + output.get(2) + String.join("", second),
                    HexFormat.of().formatHex(stored.payload()), stored.output());

            // libcoap's /time notifies once a second.
            client.expectRun("coap observe " + peer + " time con", "Done");
            for (int i = 0; i < 2; i++) {
                String line = client.nextEvent(TestNode.EVENT_TIMEOUT);
                assertTrue(line != null && line.startsWith("coap response from " + LOCAL + " OBS="), line);
            }
            client.expectRun("coap cancel", "Done");
        }
    }

    private static TestNode started(String... commands) {
        Libcoap.require(CLIENT);
        TestNode node = TestNode.on(Loopback.IPV4);
        node.expectRun("coap start", "Done");
        for (String command : commands) {
            node.expectRun(command, "Done");
        }
        return node;
    }
}
