package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.coapscli.testing.CliRun;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestPki;

/** One-shot requests against libcoap's servers (both builds), PSK and X.509, success and failure. */
class OneShotAgainstLibcoapIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coap-server-openssl", "coap-server-gnutls"})
    void pskRequestsAgainstLibcoapAndTheirExitStatus(String program) throws Exception {
        try (LibcoapServer server = LibcoapServer.start(program, Loopback.IPV4, "-k", "secretPSK", "-d", "10")) {
            String base = "coaps://127.0.0.1:" + server.secureAddress().getPort() + "/";
            CliRun put = CliRun.of("put", base + "created", "--psk", "secretPSK", "made by a one-shot");
            assertEquals(0, put.exitCode(), put.stderr());
            CliRun get = CliRun.of("get", base + "created", "--psk", "secretPSK");
            assertEquals(0, get.exitCode(), get.stderr());
            assertEquals("made by a one-shot", get.stdoutText());
            assertTrue(server.logged("c:PUT", "Uri-Path:created"), server.logText());

            CliRun discovery = CliRun.of("get", base + ".well-known/core", "--psk", "secretPSK");
            assertEquals(0, discovery.exitCode(), discovery.stderr());
            assertTrue(discovery.stdoutText().contains("</time>"), discovery.stdoutText());

            CliRun missing = CliRun.of("get", base + "no-such-resource", "--psk", "secretPSK");
            assertEquals(1, missing.exitCode(), "4.04");
            CliRun wrongKey = CliRun.of("get", base + "time", "--psk", "wrongKey", "--dtls-timeout", "50");
            assertEquals(1, wrongKey.exitCode(), wrongKey.stderr());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coap-server-openssl", "coap-server-gnutls"})
    void x509RequestsAgainstLibcoap(String program) throws Exception {
        try (LibcoapServer server = LibcoapServer.start(program, Loopback.IPV4, "-c", TestPki.file("node.crt"), "-j",
                TestPki.file("node.key"), "-R", TestPki.file("ca.crt"))) {
            String uri = "coaps://127.0.0.1:" + server.secureAddress().getPort() + "/time";
            CliRun get = CliRun.of("get", uri, "--cert", TestPki.file("node.crt"), "--key", TestPki.file("node.key"),
                    "--ca", TestPki.file("ca.crt"));
            assertEquals(0, get.exitCode(), get.stderr());
            assertTrue(get.stdout().length > 0, "the time");
            // A server certificate the client does not trust: no session.
            CliRun untrusted = CliRun.of("get", uri, "--cert", TestPki.file("node.crt"), "--key",
                    TestPki.file("node.key"), "--ca", TestPki.file("foreign.crt"), "--dtls-timeout", "100");
            assertEquals(1, untrusted.exitCode(), untrusted.stderr());
            assertTrue(untrusted.stderr().contains("no session"), untrusted.stderr());
        }
    }

    @org.junit.jupiter.api.Test
    void plainCoapUrisNeedNoCredentialsAndRefuseThem() throws Exception {
        try (LibcoapServer server = LibcoapServer.start("coap-server-notls", Loopback.IPV4, "-d", "10")) {
            String base = "coap://127.0.0.1:" + (server.securePort() - 1) + "/";
            CliRun put = CliRun.of("put", base + "plain", "made over plain CoAP");
            assertEquals(0, put.exitCode(), put.stderr());
            CliRun get = CliRun.of("get", base + "plain");
            assertEquals(0, get.exitCode(), get.stderr());
            assertEquals("made over plain CoAP", get.stdoutText());
            CliRun json = CliRun.of("get", "--json", base + "missing");
            assertEquals(1, json.exitCode(), json.stderr());
            assertTrue(json.stdoutText().contains("\"agent\":\"coap\"") && json.stdoutText().contains("\"code\":\"4.04\"")
                    && json.stdoutText().contains("\"line\":\"coap response from 127.0.0.1 with payload: "),
                    json.stdoutText());
            CliRun withKey = CliRun.of("get", base + "plain", "--psk", "secretPSK");
            assertEquals(2, withKey.exitCode(), withKey.stderr());
            assertTrue(withKey.stderr().contains("credentials are for coaps:// URIs"), withKey.stderr());
            CliRun noKey = CliRun.of("get", "coaps://127.0.0.1:" + server.securePort() + "/time");
            assertEquals(2, noKey.exitCode(), noKey.stderr());
            assertTrue(noKey.stderr().contains("a coaps:// URI needs credentials"), noKey.stderr());
        }
    }
}
