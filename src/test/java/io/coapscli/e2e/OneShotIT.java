package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.coapscli.testing.CliRun;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;
import io.coapscli.testing.TestPki;

/**
 * One-shot requests ({@code coaps-cli get|put|post|delete|observe <coaps-uri>}) as a process, against a
 * coaps-cli server: payload raw on stdout, exit 0 for 2.xx, 1 for anything else, 2 for usage errors.
 */
class OneShotIT {

    @Test
    void everyMethodWithPskAndTheExitStatusSaysWhetherItWas2xx(@TempDir Path dir) throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps resource test/resource", "Done");
            server.expectRun("coaps start", "Done");
            String uri = "coaps://127.0.0.1:" + server.port() + "/test/resource";

            CliRun get = CliRun.of("get", uri, "--psk", "secretPSK");
            assertEquals(0, get.exitCode(), get.stderr());
            assertEquals("helloWorld\0", get.stdoutText(), "the payload, raw, nothing added");

            CliRun put = CliRun.of("put", uri, "--psk-hex", "73656372657450534b", "--identity", "Client_identity",
                    "--content-format", "0", "new content");
            assertEquals(0, put.exitCode(), put.stderr());
            assertEquals(0, put.stdout().length);
            assertEquals(0, CliRun.of("get", uri, "--psk", "secretPSK", "-o", dir.resolve("out").toString()).exitCode());
            assertEquals("new content", Files.readString(dir.resolve("out")));

            CliRun post = CliRun.of("from stdin".getBytes(StandardCharsets.UTF_8), "post", uri, "--psk", "secretPSK", "-f", "-");
            assertEquals(0, post.exitCode(), post.stderr());
            CliRun json = CliRun.of("get", uri, "--psk", "secretPSK", "--json", "--accept", "0");
            JsonNode response = new ObjectMapper().readTree(json.stdoutText());
            assertEquals("2.05", response.get("code").asText());
            assertEquals("from stdin", response.get("payloadText").asText());

            CliRun delete = CliRun.of("delete", uri, "--psk", "secretPSK", "--verbose");
            assertEquals(0, delete.exitCode(), delete.stderr());
            assertTrue(delete.stderr().contains("2.02"), delete.stderr());

            CliRun notFound = CliRun.of("get", "coaps://127.0.0.1:" + server.port() + "/no/such/path", "--psk", "secretPSK",
                    "--verbose");
            assertEquals(1, notFound.exitCode(), "4.04 is not success");
            assertTrue(notFound.stderr().contains("4.04"), notFound.stderr());
            CliRun refused = CliRun.of("get", uri, "--psk", "secretPSK", "--accept", "50");
            assertEquals(1, refused.exitCode(), "4.06 is not success");
        }
    }

    @Test
    void x509AndObserveAgainstACoapsCliServer() throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV6)) {
            server.expectRun("coaps x509", "Done");
            server.expectRun("coaps resource r", "Done");
            server.expectRun("coaps set watched", "Done");
            server.expectRun("coaps start", "Done");
            String uri = "coaps://[::1]:" + server.port() + "/r";
            CliRun get = CliRun.of("get", uri, "--cert", TestPki.file("node.crt"), "--key", TestPki.file("node.key"),
                    "--ca", TestPki.file("ca.crt"));
            assertEquals(0, get.exitCode(), get.stderr());
            assertEquals("watched", get.stdoutText());

            // Observe for two seconds: the registration's payload, one line, then the deregistration.
            CliRun observe = CliRun.of("observe", uri, "--cert", TestPki.file("node.crt"), "--key",
                    TestPki.file("node.key"), "--ca", TestPki.file("ca.crt"), "--duration", "2");
            assertEquals(0, observe.exitCode(), observe.stderr());
            assertEquals("watched\n", observe.stdoutText());
        }
    }

    @Test
    void failuresAndUsageErrorsHaveTheirExitStatus() throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps start", "Done");
            String uri = "coaps://127.0.0.1:" + server.port() + "/r";

            CliRun wrongKey = CliRun.of("get", uri, "--psk", "wrongKey", "--dtls-timeout", "50");
            assertEquals(1, wrongKey.exitCode(), wrongKey.stderr());
            assertTrue(wrongKey.stderr().contains("no session with 127.0.0.1:" + server.port() + ": handshake failed"),
                    wrongKey.stderr());

            CliRun noCredentials = CliRun.of("get", uri);
            assertEquals(2, noCredentials.exitCode());
            assertTrue(noCredentials.stderr().contains("--psk"), noCredentials.stderr());
            CliRun notCoaps = CliRun.of("get", "http://127.0.0.1/r", "--psk", "k");
            assertEquals(2, notCoaps.exitCode());
            assertTrue(notCoaps.stderr().contains("the URI must be coaps://host[:port]/path"), notCoaps.stderr());
            CliRun mistyped = CliRun.of("get", uri, "--psk", "k", "--identiy", "me");
            assertEquals(2, mistyped.exitCode());
            assertTrue(mistyped.stderr().contains("Did you mean: --identity?"), mistyped.stderr());
            CliRun unknownHost = CliRun.of("get", "coaps://no-such-host.invalid/r", "--psk", "k");
            assertEquals(2, unknownHost.exitCode());
            assertTrue(unknownHost.stderr().contains("unknown host no-such-host.invalid"), unknownHost.stderr());
        }
    }
}
