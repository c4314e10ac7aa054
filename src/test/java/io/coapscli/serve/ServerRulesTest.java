package io.coapscli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerRulesTest {

    @TempDir
    Path dir;

    @Test
    void theDocumentedExampleReadsAsItSays() throws Exception {
        Files.writeString(dir.resolve(".coaps.json"), """
                {"paths": {
                  "status":   {"code": "5.03", "payload": "maintenance"},
                  "/slow.txt": {"delay": 3000},
                  "flaky":    {"drop": 0.3},
                  "counter":  {"every": 1000, "payload": "{\\"n\\": {count}}", "contentFormat": 50}}}
                """);
        ServerRules rules = ServerRules.read(dir);
        assertEquals(new ServerRules.Rule("5.03", "maintenance", null, null, null, null), rules.rule("status"));
        assertEquals(new ServerRules.Rule(null, null, null, 3000L, null, null), rules.rule("slow.txt"));
        assertEquals(0.3, rules.rule("flaky").drop());
        assertEquals(1000L, rules.rule("counter").everyMs());
        assertTrue(rules.rule("counter").answers());
        assertEquals(false, rules.rule("slow.txt").answers());
    }

    @Test
    void noFileMeansNoRules() throws Exception {
        assertEquals(ServerRules.NONE, ServerRules.read(dir));
    }

    @Test
    void aMistakeIsNamedWithItsFileAndPath() throws Exception {
        String[][] cases = {
            {"{\"paths\": {\"a\": {\"code\": 404}}}", "\"a\": \"code\" is a response code as text, like \"4.04\""},
            {"{\"paths\": {\"a\": {\"drop\": 2}}}", "\"a\": \"drop\" is a share from 0 to 1"},
            {"{\"paths\": {\"a\": {\"delay\": -1}}}", "\"a\": \"delay\" (ms) is a whole number from 0 to 600000"},
            {"{\"paths\": {\"a\": {\"colour\": 1}}}", "\"a\": unknown field \"colour\""},
            {"{\"routes\": {}}", "unknown field \"routes\" (only \"paths\")"},
            {"[1]", "the rules are one object"},
            {"{\"paths\": ", "not JSON"},
        };
        for (String[] each : cases) {
            Files.writeString(dir.resolve(".coaps.json"), each[0]);
            ServerRules.RulesException error = assertThrows(ServerRules.RulesException.class, () -> ServerRules.read(dir),
                    each[0]);
            assertTrue(error.getMessage().startsWith(dir.resolve(".coaps.json").toString()), error.getMessage());
            assertTrue(error.getMessage().contains(each[1]), each[0] + " gave: " + error.getMessage());
        }
    }
}
