package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.coapscli.testing.CliRun;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/** {@code coaps-cli bench} as a process against a server on loopback: its figures and its own CPU share. */
class BenchCommandIT {

    @Test
    void aBenchRunReportsItsThreadsAndWhetherTheGeneratorWasSaturated() throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps start", "Done");
            server.expectRun("coaps resource test-resource", "Done");
            CliRun run = CliRun.of("bench", "--port", String.valueOf(server.port()), "--sessions", "2", "--in-flight",
                    "2", "--duration", "1", "--threads", "2", "--json");
            assertEquals(0, run.exitCode(), run.stderr());
            JsonNode report = new ObjectMapper().readTree(run.stdoutText());
            assertTrue(report.path("ok").asLong() > 0, run.stdoutText());
            JsonNode generator = report.path("generator");
            assertEquals(2, generator.path("threads").asInt(), run.stdoutText());
            assertTrue(generator.path("cores").asInt() >= 1, run.stdoutText());
            double percent = generator.path("cpuPercent").asDouble(-1);
            assertTrue(percent > 0 && percent <= 100.5, run.stdoutText());
            assertEquals(percent >= 90, generator.path("saturated").asBoolean(), run.stdoutText());

            CliRun bad = CliRun.of("bench", "--port", String.valueOf(server.port()), "--threads", "0");
            assertEquals(2, bad.exitCode(), bad.stderr());

            // A run whose requests all fail (a path the server does not serve) is a failed run, allowed or not.
            for (String allow : new String[] {"--json", "--allow-errors"}) {
                CliRun wrongPath = CliRun.of("bench", "--port", String.valueOf(server.port()), "--path", "wrong",
                        "--requests", "10", allow);
                assertEquals(1, wrongPath.exitCode(), wrongPath.stderr());
                assertTrue(wrongPath.stderr().contains("no request succeeded"), wrongPath.stderr());
            }
        }
    }
}
