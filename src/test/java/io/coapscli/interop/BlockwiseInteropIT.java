package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/**
 * Block-wise coaps (RFC 7959) against libcoap, both ways, with the lines a real OpenThread CLI printed
 * against the same peers (../shared/spec/openthread-block-and-coap-lines.md), quirks included.
 */
class BlockwiseInteropIT {

    private static final String LOCAL = "127.0.0.1";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coap-client-openssl", "coap-client-gnutls"})
    void aLibcoapBlockwiseGetOfOurBlockResourceGetsItsRandomBlocksAsShown(String program) throws Exception {
        Libcoap.require(program);
        try (TestNode server = TestNode.on(Loopback.IPV4)) {
            start(server, "coaps resource test-resource 3");
            CompletableFuture<Libcoap.ClientRun> getting = CompletableFuture.supplyAsync(() -> Libcoap.pskClient(program,
                    "-b", "64", "-m", "get", "coaps://127.0.0.1:" + server.port() + "/test-resource"));
            server.expectEvent("coaps connected");
            server.expectEvent("coaps request from " + LOCAL + " GET");
            server.expectEvent("send block: Num 0 Len 64");
            StringBuilder sent = new StringBuilder(String.join("", server.rows(4)));
            server.expectEvent("coaps response sent");
            for (int number = 1; number < 3; number++) {
                server.expectEvent("send block: Num " + number + " Len 64");
                sent.append(String.join("", server.rows(4)));
            }
            Libcoap.ClientRun run = getting.get(Libcoap.CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(sent.toString(), HexFormat.of().formatHex(run.payload()), run.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coap-client-openssl", "coap-client-gnutls"})
    void aLibcoapBlockwisePutShowsEachBlockWithOpenThreadsNumberingAndTheLastBlockInTheRequestLine(String program,
            @TempDir Path dir) throws Exception {
        Libcoap.require(program);
        Path body = Files.write(dir.resolve("x100"), "x".repeat(100).getBytes(StandardCharsets.US_ASCII));
        try (TestNode server = TestNode.on(Loopback.IPV4)) {
            start(server, "coaps resource test-resource");
            Libcoap.ClientRun run = Libcoap.pskClient(program, "-b", "32", "-m", "put", "-f", body.toString(),
                    "coaps://127.0.0.1:" + server.port() + "/test-resource");
            assertTrue(run.received("c:2.04"), run.output());
            server.expectEvent("coaps connected");
            for (int number = 0; number < 3; number++) {
                server.expectEvent("received block: Num " + number + " Len 32");
                assertEquals(List.of("78".repeat(16), "78".repeat(16)), server.rows(2));
            }
            // OpenThread's number is position / length: the 4 bytes at 96 are "block 24", and not a row.
            server.expectEvent("received block: Num 24 Len 4");
            server.expectEvent("coaps request from " + LOCAL + " PUT with payload: 78787878");
            server.expectEvent("coaps response sent");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coap-server-openssl", "coap-server-gnutls"})
    void ourBlockwiseGetAndUploadAgainstALibcoapServer(String program, @TempDir Path dir) throws Exception {
        Path big = Files.write(dir.resolve("big"), ALPHABET.repeat(12).substring(0, 300)
                .getBytes(StandardCharsets.US_ASCII));
        try (LibcoapServer server = LibcoapServer.start(program, Loopback.IPV4, "-k", "secretPSK", "-d", "10");
                TestNode client = TestNode.on(Loopback.IPV4)) {
            String base = "coaps://127.0.0.1:" + server.securePort() + "/";
            assertTrue(Libcoap.pskClient(clientOf(program), "-m", "put", "-f", big.toString(), base + "big").received("c:2.01"));
            client.connectWithPskTo(server.securePort());

            client.expectRun("coaps get big block-64", "Done");
            StringBuilder received = new StringBuilder();
            for (int number = 0; number < 4; number++) {
                client.expectEvent("received block: Num " + number + " Len 64");
                received.append(String.join("", client.rows(4)));
            }
            // The short last block: number 256 / 44 = 5, and only its whole 16-byte rows are shown.
            client.expectEvent("received block: Num 5 Len 44");
            received.append(String.join("", client.rows(2)));
            String lastBlock = HexFormat.of().formatHex(Files.readAllBytes(big), 256, 300);
            client.expectEvent("coaps response from " + LOCAL + " with payload: " + lastBlock);
            assertEquals(HexFormat.of().formatHex(Files.readAllBytes(big), 0, 288), received.toString());

            List<String> output = client.run("coaps put up block-64 3");
            assertEquals("send block: Num 0 Len 64", output.get(0));
            assertEquals("Done", output.get(output.size() - 1));
            StringBuilder sent = new StringBuilder(String.join("", output.subList(1, 5)));
            for (int number = 1; number < 3; number++) {
                client.expectEvent("send block: Num " + number + " Len 64");
                sent.append(String.join("", client.rows(4)));
            }
            client.expectEvent("coaps response from " + LOCAL);
            Libcoap.ClientRun stored = Libcoap.pskClient(clientOf(program), "-m", "get", base + "up");
            assertArrayEquals(HexFormat.of().parseHex(sent), stored.payload(), stored.output());
        }
    }

    private static String clientOf(String serverProgram) {
        return serverProgram.replace("coap-server", "coap-client");
    }

    private static void start(TestNode server, String resource) {
        server.expectRun("coaps psk secretPSK Client_identity", "Done");
        server.expectRun("coaps start", "Done");
        server.expectRun(resource, "Done");
    }
}
