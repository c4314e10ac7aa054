package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.coapscli.testing.LossyNamespaces;

/**
 * Two coaps-cli processes on two hosts (network namespaces) whose link loses 20 % of the datagrams each
 * way in the kernel: a script of 1,000 confirmable POSTs with unique payloads, with --reconnect.
 */
class LossyNamespacesIT {

    private static final int REQUESTS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aThousandRequestsOverA20PercentLossLinkEachGetOneOutcomeNoneAppliedTwiceAndTheScriptCarriesOn(
            @TempDir Path dir) throws Exception {
        try (LossyNamespaces link = LossyNamespaces.create(20);
                ShellProcess server = ShellProcess.launchIn(link.serverNamespace(), "--bind",
                        LossyNamespaces.SERVER_ADDRESS, "--json", "--ack-timeout", "100", "--dtls-timeout", "100",
                        "-c", "coaps psk secretPSK Client_identity", "-c", "coaps start", "-c", "coaps resource r",
                        "-c", "wait")) {
            for (int i = 0; i < 3; i++) {
                assertTrue(server.nextLine().contains("\"line\":\"Done\""));
            }
            List<String> script = new ArrayList<>(List.of("coaps psk secretPSK Client_identity", "coaps start",
                    "coaps connect " + LossyNamespaces.SERVER_ADDRESS));
            for (int i = 0; i < REQUESTS; i++) {
                script.add("coaps post r con n" + i);
            }
            Path file = dir.resolve("requests.script");
            Files.write(file, script);
            long started = System.nanoTime();
            List<String> lines = new ArrayList<>();
            int status;
            try (ShellProcess process = ShellProcess.launchIn(link.clientNamespace(), "--port", "0", "--json",
                    "--reconnect", "--ack-timeout", "100", "--dtls-timeout", "100", "--script", file.toString())) {
                status = process.linesUntilAnyExit(java.time.Duration.ofMinutes(5), lines);
            }
            List<JsonNode> client = parse(lines);
            double seconds = (System.nanoTime() - started) / 1e9;
            server.terminate();
            List<JsonNode> served = parse(server.linesUntilExit(0));

            long responses = count(client, "response");
            long failed = count(client, "requestFailed");
            long ended = client.stream().filter(n -> "disconnected".equals(n.path("event").asText())
                    && n.path("wasEstablished").asBoolean() && !n.path("reason").asText().equals("closed by us")).count();
            long reconnects = count(client, "reconnecting");
            assertEquals(REQUESTS, responses + failed, "one outcome for each request");
            assertEquals(failed == 0 ? 0 : 1, status, "the script's exit status says whether a request failed");
            Map<String, Integer> applied = new HashMap<>();
            for (JsonNode request : served) {
                if ("request".equals(request.path("event").asText())) {
                    applied.merge(request.path("payloadText").asText(), 1, Integer::sum);
                }
            }
            long twice = applied.values().stream().filter(times -> times > 1).count();
            assertEquals(0, twice, "requests applied twice");
            assertTrue(applied.size() >= responses, applied.size() + " applied, " + responses + " answered");
            assertTrue(reconnects >= ended, "every session that ended was brought back: " + ended + " ended, "
                    + reconnects + " reconnects");
            System.out.printf("lossy namespaces (20 %% each way, nftables): %d requests, %d responses, %d failed, "
                    + "%d sessions ended while the server lived, %d reconnects, %d applied, %d applied twice; "
                    + "dropped %s (server side, client side); %.1f s%n", REQUESTS, responses, failed, ended,
                    reconnects, applied.size(), twice, link.dropped(), seconds);
        }
    }

    private static List<JsonNode> parse(List<String> lines) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static long count(List<JsonNode> nodes, String event) {
        return nodes.stream().filter(n -> event.equals(n.path("event").asText())).count();
    }
}
