package io.coapscli.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * What {@code DIR/.coaps.json} asks of the server, path by path (docs/CLI.md, "serve"):
 * <pre>
 * {"paths": {
 *   "status":   {"code": "5.03", "payload": "maintenance"},
 *   "slow.txt": {"delay": 3000},
 *   "flaky":    {"drop": 0.3},
 *   "counter":  {"every": 1000, "payload": "{\"n\": {count}}", "contentFormat": 50}}}
 * </pre>
 * A path with a code, a payload or a period is answered from the rule, file or not; a delay or a drop
 * rate alone applies to the file's own answers.
 */
record ServerRules(Map<String, Rule> paths) {

    static final String FILE_NAME = ".coaps.json";
    private static final Pattern CODE = Pattern.compile("[245]\\.\\d\\d");
    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * One path's rule; absent fields are null.
     *
     * @param code the response code ("2.05", "4.04", "5.03", ...)
     * @param payload the response payload (UTF-8); {@code {count}} stands for the periodic counter
     * @param contentFormat the response's Content-Format (the file's by default, 0 for a payload given here)
     * @param delayMs answer this many milliseconds late (a separate response when longer than ACK_TIMEOUT)
     * @param drop the share of requests, 0 to 1, that get no answer at all, not even an acknowledgement
     * @param everyMs notify observers every this many milliseconds, counting up from 0
     */
    record Rule(String code, String payload, Integer contentFormat, Long delayMs, Double drop, Long everyMs) {

        /** Whether the rule answers by itself (no file needed). */
        boolean answers() {
            return code != null || payload != null || everyMs != null;
        }
    }

    static final ServerRules NONE = new ServerRules(Map.of());

    Rule rule(String path) {
        return paths.get(path);
    }

    /** Reads the rules of the directory; none when it has no {@value #FILE_NAME}. */
    static ServerRules read(Path directory) throws RulesException {
        Path file = directory.resolve(FILE_NAME);
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException e) {
            throw new RulesException(file + ": " + e.getMessage());
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            Map<String, Rule> paths = new LinkedHashMap<>();
            expect(parser, JsonToken.START_OBJECT, file + ": the rules are one object: {\"paths\": {...}}");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (!field.equals("paths")) {
                    throw new RulesException(file + ": unknown field \"" + field + "\" (only \"paths\")");
                }
                expect(parser, JsonToken.START_OBJECT, file + ": \"paths\" is an object of rules by path");
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String path = stripSlashes(parser.currentName());
                    paths.put(path, rule(parser, file, path));
                }
            }
            return new ServerRules(Collections.unmodifiableMap(paths));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RulesException(file + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RulesException(file + ": " + e.getMessage());
        }
    }

    private static Rule rule(JsonParser parser, Path file, String path) throws IOException, RulesException {
        String where = file + ": \"" + path + "\": ";
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new RulesException(where + "a rule is an object");
        }
        String code = null;
        String payload = null;
        Integer contentFormat = null;
        Long delay = null;
        Double drop = null;
        Long every = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "code" -> {
                    code = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    if (code == null || !CODE.matcher(code).matches()) {
                        throw new RulesException(where + "\"code\" is a response code as text, like \"4.04\"");
                    }
                }
                case "payload" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new RulesException(where + "\"payload\" is text");
                    }
                    payload = parser.getText();
                }
                case "contentFormat" -> contentFormat = (int) number(parser, value, where + "\"contentFormat\"", 0, 65535);
                case "delay" -> delay = number(parser, value, where + "\"delay\" (ms)", 0, 600_000);
                case "every" -> every = number(parser, value, where + "\"every\" (ms)", 10, 86_400_000);
                case "drop" -> {
                    if (!value.isNumeric() || parser.getDoubleValue() < 0 || parser.getDoubleValue() > 1) {
                        throw new RulesException(where + "\"drop\" is a share from 0 to 1");
                    }
                    drop = parser.getDoubleValue();
                }
                default -> throw new RulesException(where + "unknown field \"" + field
                        + "\" (code, payload, contentFormat, delay, drop, every)");
            }
        }
        return new Rule(code, payload, contentFormat, delay, drop, every);
    }

    private static long number(JsonParser parser, JsonToken value, String what, long min, long max)
            throws IOException, RulesException {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < min || parser.getLongValue() > max) {
            throw new RulesException(what + " is a whole number from " + min + " to " + max);
        }
        return parser.getLongValue();
    }

    private static void expect(JsonParser parser, JsonToken token, String what) throws IOException, RulesException {
        if (parser.nextToken() != token) {
            throw new RulesException(what);
        }
    }

    private static String stripSlashes(String path) {
        String stripped = path;
        while (stripped.startsWith("/")) {
            stripped = stripped.substring(1);
        }
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }

    /** A {@value #FILE_NAME} that cannot be used, and why. */
    static final class RulesException extends Exception {
        private static final long serialVersionUID = 1L;

        RulesException(String message) {
            super(message);
        }
    }
}
