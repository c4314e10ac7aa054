package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** --json: every line a JSON object, parsed here by a real parser, with the fields the schema promises. */
class JsonOutputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> parseEvery(List<String> lines) throws Exception {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject(), line);
            assertTrue(node.has("type") && node.has("line"), line);
            objects.add(node);
        }
        return objects;
    }

    @Test
    void aJsonClientScriptPrintsOneParsableObjectPerLine() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        List<JsonNode> client;
        List<JsonNode> serverEvents = new ArrayList<>();
        try (ShellProcess server = ShellProcess.launch("--port", String.valueOf(port), "--json", "-c",
                "coaps psk secretPSK Client_identity", "-c", "coaps start", "-c", "coaps resource r", "-c",
                "coaps set \"caf\u00e9 au lait\"", "-c", "wait")) {
            for (int i = 0; i < 4; i++) {
                // The key is masked in the echoed command.
                server.expect("{\"type\":\"result\",\"command\":\"" + List.of("coaps psk ******** Client_identity",
                        "coaps start", "coaps resource r", "coaps set \\\"caf\u00e9 au lait\\\"").get(i)
                        + "\",\"done\":true,\"line\":\"Done\"}");
            }
            try (ShellProcess process = ShellProcess.launch("--port", "0", "--json", ScriptingIT.FAST,
                    ScriptingIT.FAST_MS, "-c", "coaps psk -x 736563726574505348 Client_identity", "-c", "coaps start", "-c",
                    "coaps connect 127.0.0.1 " + port, "-c", "coaps get r con", "-c", "coaps isconnected", "-c",
                    "coaps get")) {
                // The hex key above is "secretPSH", not "secretPSK": fix it and connect again.
                client = parseEvery(process.linesUntilExit(1));
            }
            try (ShellProcess process = ShellProcess.launch("--port", "0", "--json", "-c",
                    "coaps psk -x 73656372657450534b Client_identity", "-c", "coaps start", "-c",
                    "coaps connect 127.0.0.1 " + port, "-c", "coaps get r con", "-c", "coaps isconnected")) {
                client.addAll(parseEvery(process.linesUntilExit(0)));
            }
            server.terminate();
            serverEvents.addAll(parseEvery(server.linesUntilExit(0)));
        }

        JsonNode failedConnect = find(client, "disconnected", 0);
        assertEquals("client", failedConnect.get("role").asText());
        assertFalse(failedConnect.get("wasEstablished").asBoolean());
        assertTrue(failedConnect.get("reason").asText().startsWith("handshake failed"), failedConnect.toString());
        JsonNode invalidArgs = client.stream().filter(n -> "coaps get".equals(n.path("command").asText()))
                .findFirst().orElseThrow();
        assertFalse(invalidArgs.get("done").asBoolean());
        assertEquals(7, invalidArgs.get("error").get("number").asInt());
        assertEquals("InvalidArgs", invalidArgs.get("error").get("name").asText());
        assertEquals("Error 7: InvalidArgs", invalidArgs.get("line").asText());

        JsonNode connected = find(client, "connected", 0);
        assertEquals("TLS_PSK_WITH_AES_128_CCM_8", connected.get("cipherSuite").asText());
        assertEquals("127.0.0.1", connected.get("peer").get("address").asText());
        assertEquals(port, connected.get("peer").get("port").asInt());
        JsonNode response = find(client, "response", 0);
        assertEquals("ACK", response.get("coapType").asText());
        assertEquals("2.05", response.get("code").asText());
        assertEquals("636166c3a9206175206c616974", response.get("payloadHex").asText());
        assertEquals("caf\u00e9 au lait", response.get("payloadText").asText());
        assertTrue(response.get("roundTripMs").asDouble() > 0, response.toString());
        assertEquals("TLS_PSK_WITH_AES_128_CCM_8", response.get("cipherSuite").asText());
        assertEquals("coaps response from 127.0.0.1 with payload: 636166c3a9206175206c616974",
                response.get("line").asText());
        List<String> answers = client.stream().filter(n -> "output".equals(n.get("type").asText()))
                .map(n -> n.get("line").asText()).toList();
        assertEquals(List.of("no", "yes"), answers, "isconnected after the failed, then the good connect");

        JsonNode request = find(serverEvents, "request", 0);
        assertEquals("GET", request.get("method").asText());
        assertEquals("CON", request.get("coapType").asText());
        assertTrue(request.get("options").toString().contains("Uri-Path"), request.toString());
        assertEquals("Client_identity", request.get("peerIdentity").asText());
        JsonNode sent = find(serverEvents, "responseSent", 0);
        assertEquals("2.05", sent.get("code").asText());
    }

    @Test
    void observingAndDiscoveryCarryTheObserveNumberAndParsedLinks() throws Exception {
        int port = ScriptingIT.freeUdpPort();
        try (ShellProcess server = ShellProcess.launch("--port", String.valueOf(port), "--json");
                ShellProcess client = ShellProcess.launch("--port", "0", "--json")) {
            for (String line : List.of("coaps psk secretPSK Client_identity", "coaps resource test/resource",
                    "coaps start")) {
                server.send(line);
                assertEquals("Done", until(server, n -> "result".equals(n.path("type").asText())).get("line").asText());
            }
            for (String line : List.of("coaps psk secretPSK Client_identity", "coaps start", "coaps connect 127.0.0.1 " + port)) {
                client.send(line);
            }
            until(client, n -> "connected".equals(n.path("event").asText()));
            client.send("coaps get .well-known/core con");
            client.send("coaps observe test/resource con");
            JsonNode links = until(client, n -> "response".equals(n.path("event").asText()));
            assertEquals("[{\"uri\":\"/test/resource\",\"attributes\":{\"obs\":true}}]", links.get("links").toString());
            JsonNode registered = until(client, n -> "response".equals(n.path("event").asText()));
            assertEquals(0, registered.get("observe").asInt(), registered.toString());

            server.send("coaps set changed");
            JsonNode notifying = until(server, n -> "output".equals(n.path("type").asText()));
            assertEquals("sending coaps notification to 127.0.0.1", notifying.get("line").asText());
            JsonNode notification = until(client, n -> "notification".equals(n.path("event").asText()));
            assertEquals(1, notification.get("observe").asInt(), notification.toString());
            assertEquals("changed", notification.get("payloadText").asText());
            assertEquals("CON", notification.get("coapType").asText());
            assertEquals("coaps response from 127.0.0.1 OBS=1 with payload: 6368616e676564",
                    notification.get("line").asText());
            JsonNode acknowledged = until(server, n -> "notificationAcknowledged".equals(n.path("event").asText()));
            assertEquals("127.0.0.1", acknowledged.get("peer").get("address").asText());

            client.send("coaps cancel");
            JsonNode removed = until(server, n -> "observerRemoved".equals(n.path("event").asText()));
            assertEquals("Removed subscriber 127.0.0.1", removed.get("line").asText());
        }
    }

    /** Reads the process's JSON lines until one matches, and returns it. */
    private static JsonNode until(ShellProcess process, java.util.function.Predicate<JsonNode> wanted) throws Exception {
        while (true) {
            JsonNode node = JSON.readTree(process.nextLine());
            if (wanted.test(node)) {
                return node;
            }
        }
    }

    private static JsonNode find(List<JsonNode> nodes, String event, int index) {
        return nodes.stream().filter(n -> event.equals(n.path("event").asText())).skip(index).findFirst()
                .orElseThrow(() -> new AssertionError("no " + event + " event in " + nodes));
    }
}
