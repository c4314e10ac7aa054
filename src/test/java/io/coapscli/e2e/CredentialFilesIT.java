package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.coapscli.testing.TestPki;


/** Credentials from PEM files made in the test, loaded by real processes as a user would. */
class CredentialFilesIT {

    private static String file(String name) {
        return TestPki.file(name);
    }

    @Test
    void aChainServerAndAClientTrustingItsRootTalkWhileAWrongKeyIsRefused() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        try (ShellProcess server = ShellProcess.launch("--port", String.valueOf(port), "-c",
                "coaps x509 " + file("chain.crt") + " " + file("leaf.key") + " " + file("anchors.pem"), "-c",
                "coaps start", "-c", "coaps resource r", "-c", "wait")) {
            server.expect("Done");
            server.expect("Done");
            server.expect("Done");
            try (ShellProcess client = ShellProcess.launch("--port", "0", "-c",
                    "coaps x509 " + file("node.crt") + " " + file("node.key") + " " + file("root.crt"), "-c",
                    "coaps start", "-c", "coaps connect 127.0.0.1 " + port, "-c", "coaps get r con")) {
                assertEquals(List.of("Done", "Done", "Done", "coaps connected", "Done",
                        "coaps response from 127.0.0.1 with payload: 68656c6c6f576f726c6400", "coaps disconnected"),
                        client.linesUntilExit(0));
            }
            try (ShellProcess client = ShellProcess.launch("--port", "0", "-c",
                    "coaps x509 " + file("chain.crt") + " " + file("node.key"), "-c", "coaps isclosed")) {
                assertEquals(List.of("the private key does not match the certificate", "Error 7: InvalidArgs", "yes",
                        "Done"), client.linesUntilExit(1));
            }
        }
    }
}
