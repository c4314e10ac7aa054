package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * way in the kernel: scripts of confirmable POSTs with unique payloads, with --reconnect, to a server that
 * lives, and to one killed midway and started again.
 */
class LossyNamespacesIT {

    private static final int REQUESTS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aThousandRequestsOverA20PercentLossLinkEachGetOneOutcomeNoneAppliedTwiceAndTheScriptCarriesOn(
            @TempDir Path dir) throws Exception {
        try (LossyNamespaces link = LossyNamespaces.create(20); ShellProcess server = server(link)) {
            Path file = script(dir, REQUESTS);
            long started = System.nanoTime();
            List<String> lines = new ArrayList<>();
            int status;
            try (ShellProcess process = ShellProcess.launchIn(link.clientNamespace(), "--port", "0", "--json",
                    "--reconnect", "--ack-timeout", "100", "--dtls-timeout", "100", "--script", file.toString())) {
                status = process.linesUntilAnyExit(Duration.ofMinutes(5), lines);
            }
            List<JsonNode> client = parse(lines);
            double seconds = (System.nanoTime() - started) / 1e9;
            server.terminate();
            List<JsonNode> served = parse(server.linesUntilExit(0));

            long responses = count(client, "response");
            long failed = count(client, "requestFailed");
            long ended = client.stream().filter(LossyNamespacesIT::endedWhileEstablished).count();
            long reconnects = count(client, "reconnecting");
            assertEquals(REQUESTS, responses + failed, "one outcome for each request");
            assertEquals(failed == 0 ? 0 : 1, status, "the script's exit status says whether a request failed");
            Map<String, Integer> applied = applied(served);
            long twice = appliedTwice(served);
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

    @Test
    void aServerKilledMidwayIsFoundReportedAndWithReconnectTheScriptGoesOnWithItsSuccessor(@TempDir Path dir)
            throws Exception {
        int requests = 300;
        try (LossyNamespaces link = LossyNamespaces.create(20); ShellProcess first = server(link);
                ShellProcess client = ShellProcess.launchIn(link.clientNamespace(), "--port", "0", "--json",
                        "--reconnect", "--ack-timeout", "100", "--dtls-timeout", "100", "--script",
                        script(dir, requests).toString())) {
            List<JsonNode> seen = new ArrayList<>();
            while (count(seen, "response") < requests / 3) {
                seen.add(JSON.readTree(client.nextLine()));
            }
            first.kill();
            long killed = System.nanoTime();
            while (seen.stream().noneMatch(LossyNamespacesIT::endedWhileEstablished)) {
                seen.add(JSON.readTree(client.nextLine()));
            }
            double foundAfter = (System.nanoTime() - killed) / 1e9;
            int beforeRestart = seen.size();
            List<String> firstLines = new ArrayList<>();
            first.linesUntilAnyExit(Duration.ofSeconds(10), firstLines);
            List<JsonNode> served = parse(firstLines);
            try (ShellProcess successor = server(link)) {
                List<String> rest = new ArrayList<>();
                int status = client.linesUntilAnyExit(Duration.ofMinutes(4), rest);
                seen.addAll(parse(rest));
                successor.terminate();
                served.addAll(parse(successor.linesUntilExit(0)));

                long responses = count(seen, "response");
                long failed = count(seen, "requestFailed");
                List<JsonNode> afterRestart = seen.subList(beforeRestart, seen.size());
                assertEquals(requests, responses + failed, "one outcome for each request");
                assertEquals(1, status, "the script's exit status says a request failed");
                assertTrue(foundAfter < 20, "the killed server was found after " + foundAfter + " s");
                assertTrue(count(afterRestart, "reconnecting") >= 1, "the client went back to the new server");
                assertTrue(count(afterRestart, "connected") >= 1, "and shook hands with it");
                List<String> outcomes = seen.stream().map(event -> event.path("event").asText())
                        .filter(event -> event.equals("response") || event.equals("requestFailed")).toList();
                assertEquals("response", outcomes.get(outcomes.size() - 1),
                        "the last request was answered by the successor");
                assertEquals(0, appliedTwice(served), "requests applied twice");
                System.out.printf("server killed midway on the lossy namespaces link: found %.1f s after the kill; "
                        + "%d requests, %d responses, %d failed, %d reconnect attempts%n", foundAfter, requests,
                        responses, failed, count(seen, "reconnecting"));
            }
        }
    }

    private static ShellProcess server(LossyNamespaces link) throws Exception {
        ShellProcess server = ShellProcess.launchIn(link.serverNamespace(), "--bind", LossyNamespaces.SERVER_ADDRESS,
                "--json", "--ack-timeout", "100", "--dtls-timeout", "100", "-c", "coaps psk secretPSK Client_identity",
                "-c", "coaps start", "-c", "coaps resource r", "-c", "wait");
        for (int i = 0; i < 3; i++) {
            assertTrue(server.nextLine().contains("\"line\":\"Done\""));
        }
        return server;
    }

    /** A script of confirmable POSTs with unique payloads, n0, n1, ..., to the server. */
    private static Path script(Path dir, int requests) throws Exception {
        List<String> script = new ArrayList<>(List.of("coaps psk secretPSK Client_identity", "coaps start",
                "coaps connect " + LossyNamespaces.SERVER_ADDRESS));
        for (int i = 0; i < requests; i++) {
            script.add("coaps post r con n" + i);
        }
        return Files.write(dir.resolve("requests.script"), script);
    }

    private static boolean endedWhileEstablished(JsonNode event) {
        return "disconnected".equals(event.path("event").asText()) && event.path("wasEstablished").asBoolean()
                && !event.path("reason").asText().equals("closed by us");
    }

    /** How many payloads the servers' request events show more than once. */
    private static long appliedTwice(List<JsonNode> served) {
        return applied(served).values().stream().filter(times -> times > 1).count();
    }

    private static Map<String, Integer> applied(List<JsonNode> served) {
        Map<String, Integer> applied = new HashMap<>();
        for (JsonNode request : served) {
            if ("request".equals(request.path("event").asText())) {
                applied.merge(request.path("payloadText").asText(), 1, Integer::sum);
            }
        }
        return applied;
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
