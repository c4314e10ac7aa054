package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.coapscli.testing.CliRun;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/**
 * {@code coaps-cli serve DIR} as a CI job would use it instead of a hand-written test server: libcoap's
 * clients (both builds), our one-shot and our shell read, discover, write and observe a directory; the
 * rules of {@code .coaps.json} give codes, late answers, silence and a counter; paths out of the directory
 * are refused; and the request log says what each client sent.
 */
class ServeIT {

    private static Path sampleDirectory(Path dir) throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello");
        Files.createDirectories(dir.resolve("sensors"));
        Files.writeString(dir.resolve("sensors/temp.json"), "{\"t\":21.5}");
        Files.write(dir.resolve("sensors/pack.senml.cbor"), new byte[] {(byte) 0x81, (byte) 0xa2, 0x00, 0x61, 0x74,
            0x02, 0x18, 0x15});
        Files.writeString(dir.resolve(".coaps.json"), """
                {"paths": {
                  "broken":  {"code": "5.03", "payload": "maintenance"},
                  "slow":    {"delay": 1500, "payload": "late"},
                  "silent":  {"drop": 1.0, "payload": "never"},
                  "counter": {"every": 300}
                }}
                """);
        return dir;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coap-client-openssl", "coap-client-gnutls"})
    void libcoapClientsGetDiscoverPutAndObserveAServedDirectory(String client, @TempDir Path dir) throws Exception {
        Libcoap.require(client);
        sampleDirectory(dir);
        try (ServeProcess server = ServeProcess.start(dir, "--writable", "--ack-timeout", "500")) {
            Libcoap.ClientRun get = Libcoap.pskClient(client, "-m", "get", server.uri("/sensors/temp.json"));
            assertTrue(get.received("t:ACK c:2.05"), get.output());
            assertTrue(get.output().contains("Content-Format:application/json"), get.output());
            assertEquals("{\"t\":21.5}", new String(get.payload(), StandardCharsets.UTF_8));
            JsonNode connected = server.await("connected", line -> line.path("event").asText().equals("connected"));
            assertEquals("Client_identity", connected.path("identity").asText());
            assertEquals("TLS_PSK_WITH_AES_128_CCM_8", connected.path("cipherSuite").asText());
            JsonNode logged = server.awaitRequest("GET", "/sensors/temp.json");
            assertEquals("2.05", logged.path("code").asText());
            assertEquals(50, logged.path("responseContentFormat").asInt());

            Libcoap.ClientRun discovery = Libcoap.pskClient(client, "-m", "get", server.uri("/.well-known/core"));
            assertEquals("</broken>;ct=0;obs,</counter>;ct=0;obs,</hello.txt>;ct=0;obs,</sensors/pack.senml.cbor>;"
                    + "ct=112;obs,</sensors/temp.json>;ct=50;obs,</silent>;ct=0;obs,</slow>;ct=0;obs",
                    new String(discovery.payload(), StandardCharsets.UTF_8), discovery.output());

            Libcoap.ClientRun put = Libcoap.pskClient(client, "-m", "put", "-e", "written by libcoap",
                    server.uri("/notes/new.txt"));
            assertTrue(put.received("c:2.01"), put.output());
            assertEquals("written by libcoap", Files.readString(dir.resolve("notes/new.txt")));
            JsonNode putLogged = server.awaitRequest("PUT", "/notes/new.txt");
            assertEquals("written by libcoap", putLogged.path("payload").asText());
            assertEquals("2.01", putLogged.path("code").asText());

            // Observe for 4 s; the file changes once the registration is logged.
            CompletableFuture<Libcoap.ClientRun> observing = CompletableFuture.supplyAsync(() ->
                    Libcoap.pskClient(client, "-m", "get", "-s", "4", server.uri("/hello.txt")));
            JsonNode registration = server.awaitRequest("GET", "/hello.txt");
            assertEquals(0, registration.path("observe").asInt());
            Path temporary = dir.resolve(".hello.tmp");
            Files.writeString(temporary, "hello again");
            Files.move(temporary, dir.resolve("hello.txt"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            JsonNode notification = server.await("a notification", line ->
                    line.path("event").asText().equals("notification"));
            assertEquals("/hello.txt", notification.path("path").asText());
            Libcoap.ClientRun observed = observing.get(Libcoap.CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("hellohello again", new String(observed.payload(), StandardCharsets.UTF_8), observed.output());
        }
    }

    @Test
    void theRulesGiveACodeALateSeparateAnswerSilenceAndACounter(@TempDir Path dir) throws Exception {
        String client = "coap-client-openssl";
        Libcoap.require(client);
        sampleDirectory(dir);
        try (ServeProcess server = ServeProcess.start(dir, "--ack-timeout", "500")) {
            Libcoap.ClientRun broken = Libcoap.pskClient(client, "-m", "get", server.uri("/broken"));
            assertTrue(broken.received("t:ACK c:5.03"), broken.output());
            // libcoap logs an error response's payload but writes none to its output file.
            assertTrue(broken.output().contains(":: 'maintenance'"), broken.output());

            // 1.5 s is longer than the server's ACK_TIMEOUT (0.5 s): an empty ACK at once, then the answer as a
            // confirmable response of its own.
            long started = System.nanoTime();
            Libcoap.ClientRun slow = Libcoap.pskClient(client, "-m", "get", server.uri("/slow"));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(slow.received("t:CON c:2.05"), "a separate response: " + slow.output());
            assertEquals("late", new String(slow.payload(), StandardCharsets.UTF_8));
            assertTrue(tookMs >= 1500, "answered after " + tookMs + " ms");
            assertEquals(1500, server.awaitRequest("GET", "/slow").path("delayMs").asInt());

            Libcoap.ClientRun silent = Libcoap.pskClient(client, "-B", "3", "-m", "get", server.uri("/silent"));
            assertFalse(silent.received("c:2.05"), silent.output());
            assertFalse(silent.received("t:ACK"), "not even an acknowledgement: " + silent.output());
            assertTrue(server.awaitRequest("GET", "/silent").path("dropped").asBoolean());

            Libcoap.ClientRun counter = Libcoap.pskClient(client, "-m", "get", "-s", "2", server.uri("/counter"));
            List<Integer> counts = new ArrayList<>();
            counter.output().lines().filter(line -> line.contains("c:2.05") && line.contains(":: '"))
                    .forEach(line -> counts.add(Integer.parseInt(line.substring(line.indexOf(":: '") + 4,
                            line.lastIndexOf('\'')))));
            assertTrue(counts.size() >= 4, "a notification every 300 ms for 2 s: " + counts);
            for (int i = 1; i < counts.size(); i++) {
                assertTrue(counts.get(i) > counts.get(i - 1), "counting up: " + counts);
            }
        }
    }

    @Test
    void thePskReachesNeitherTheRequestLogNorStandardErrorAtTraceLevel(@TempDir Path dir) throws Exception {
        sampleDirectory(dir);
        Path log = dir.resolve(".requests.jsonl");
        ServeProcess server = ServeProcess.start(dir, "--log-level", "trace", "--log-requests", log.toString());
        try (server) {
            CliRun put = CliRun.of("put", server.uri("/broken"), "secretPSK as a payload is fine",
                    "--psk", "secretPSK");
            assertEquals(1, put.exitCode(), put.stderr());
            assertEquals(0, server.terminate());
            String written = Files.readString(log) + server.stderrText();
            assertTrue(written.contains("\"event\":\"request\""), written);
            String withoutPayload = written.replace("secretPSK as a payload is fine", "");
            assertFalse(withoutPayload.contains("secretPSK"), "the PSK in the output");
            assertFalse(withoutPayload.toLowerCase().contains("73656372657450534b"), "the PSK in hex in the output");
        }
    }

    @Test
    void pathsThatLeadOutOfTheDirectoryAreRefusedForReadingAndWriting(@TempDir Path dir, @TempDir Path outside)
            throws Exception {
        sampleDirectory(dir);
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(dir.resolve("link"), outside);
        Files.createSymbolicLink(dir.resolve("leak.txt"), outside.resolve("secret.txt"));
        try (ServeProcess server = ServeProcess.start(dir, "--writable")) {
            // Our one-shot sends the segments as written ("..", an encoded "/"), unlike libcoap, which
            // normalises them away before sending.
            for (String path : List.of("/../" + outside.getFileName() + "/secret.txt", "/link/secret.txt", "/leak.txt",
                    "/a%2F..%2F..%2Fsecret.txt", "/.coaps.json")) {
                CliRun get = CliRun.of("get", server.uri(path), "--psk", "secretPSK");
                assertEquals(1, get.exitCode(), path + ": " + get.stderr());
                assertEquals("coaps-cli: 4.04 Not Found: no such resource", get.stderr().strip(), path);
            }
            CliRun put = CliRun.of("put", server.uri("/link/planted.txt"), "planted", "--psk", "secretPSK");
            assertEquals("coaps-cli: 4.03 Forbidden: outside the served directory", put.stderr().strip());
            CliRun delete = CliRun.of("delete", server.uri("/leak.txt"), "--psk", "secretPSK");
            assertEquals("coaps-cli: 4.03 Forbidden: only files are deleted", delete.stderr().strip());
            CliRun dotdot = CliRun.of("put", server.uri("/../planted.txt"), "planted", "--psk", "secretPSK");
            assertEquals("coaps-cli: 4.04 Not Found: no such resource", dotdot.stderr().strip());
        }
        assertEquals(List.of("secret.txt"), Files.list(outside).map(path -> path.getFileName().toString()).toList());
        assertEquals("secret", Files.readString(outside.resolve("secret.txt")));
        assertFalse(Files.exists(dir.getParent().resolve("planted.txt")));
    }

    @Test
    void ourOneShotAndShellReadTheDirectoryAndSigtermEndsTheirSessionWithCloseNotify(@TempDir Path dir)
            throws Exception {
        sampleDirectory(dir);
        ServeProcess server = ServeProcess.start(dir);
        try (server; TestNode shell = TestNode.on(Loopback.IPV4)) {
            CliRun get = CliRun.of("get", server.uri("/sensors/temp.json"), "--psk", "secretPSK");
            assertEquals(0, get.exitCode(), get.stderr());
            assertArrayEquals("{\"t\":21.5}".getBytes(StandardCharsets.UTF_8), get.stdout());

            // Readable payloads: SenML-CBOR [{0: "t", 2: 21}] as SenML-JSON, with --pretty and in --json.
            CliRun pretty = CliRun.of("get", server.uri("/sensors/pack.senml.cbor"), "--psk", "secretPSK",
                    "--pretty");
            assertEquals("[\n  {\n    \"n\": \"t\",\n    \"v\": 21\n  }\n]\n",
                    new String(pretty.stdout(), StandardCharsets.UTF_8), pretty.stderr());
            CliRun raw = CliRun.of("get", server.uri("/sensors/pack.senml.cbor"), "--psk", "secretPSK");
            assertArrayEquals(Files.readAllBytes(dir.resolve("sensors/pack.senml.cbor")), raw.stdout(),
                    "raw bytes in a pipe");
            CliRun json = CliRun.of("get", server.uri("/sensors/pack.senml.cbor"), "--psk", "secretPSK",
                    "--json");
            JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.stdout());
            assertEquals("[{\"n\":\"t\",\"v\":21}]", event.path("decoded").toString(), event.toString());

            shell.expectRun("coaps psk secretPSK Client_identity", "Done");
            shell.expectRun("coaps start", "Done");
            shell.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
            shell.expectEvent("coaps connected");
            shell.expectRun("coaps get hello.txt", "Done");
            shell.expectEvent("coaps response from 127.0.0.1 with payload: 68656c6c6f");
            server.awaitRequest("GET", "/hello.txt");
            shell.expectRun("verbose on", "Done");
            shell.expectRun("coaps get sensors/pack.senml.cbor", "Done");
            shell.expectEvent("coaps response from 127.0.0.1 with payload: 81a2006174021815");
            assertTrue(shell.nextEvent(TestNode.EVENT_TIMEOUT).startsWith("  2.05 "));
            shell.expectEvent("  decoded: [{\"n\":\"t\",\"v\":21}]");

            assertEquals(0, server.terminate(), server.stderrText());
            shell.expectEvent("coaps disconnected");
        }
    }
}
