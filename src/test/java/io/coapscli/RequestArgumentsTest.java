package io.coapscli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.coapscli.oneshot.RequestArguments;
import io.coapscli.oneshot.RequestCommand;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** A one-shot's command line read without picocli is the request picocli reads, or left to it. */
class RequestArgumentsTest {

    private static final List<String> REQUESTS = List.of("get", "put", "post", "delete", "observe");

    private static RequestCommand byPicocli(String... argv) {
        CommandLine line = CoapsCliCommand.commandLine(argv);
        return (RequestCommand) line.parseArgs(argv).subcommand().commandSpec().userObject();
    }

    /** Every value the request holds, by field name, the credential groups' included. */
    private static Map<String, Object> values(Object command) throws IllegalAccessException {
        Map<String, Object> values = new TreeMap<>();
        for (Class<?> type = command.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("spec")) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(command);
                if (value instanceof CredentialOptions.Choice || value instanceof CredentialOptions.Details) {
                    values(value).forEach((name, inner) -> values.put(field.getName() + "." + name, inner));
                } else {
                    values.put(field.getName(), value);
                }
            }
        }
        return values;
    }

    @Test
    void everyPlainRequestReadsAsPicocliReadsIt() throws Exception {
        for (List<String> argv : List.of(
                List.of("get", "coap://127.0.0.1/r"),
                List.of("get", "coaps://[::1]:5699/a/b?x=1", "--psk", "secret", "--identity", "me", "--json"),
                List.of("put", "--psk-hex=00ff", "coaps://h/r", "payload with spaces", "--content-format", "50"),
                List.of("post", "coaps://h/r", "--cert", "c.pem", "--key", "k.pem", "--ca", "ca.pem", "-f", "in.bin"),
                List.of("delete", "coaps://h/r", "--rpk", "me.pem", "--rpk-trusted", "them.pem", "--insecure", "--non"),
                List.of("observe", "coaps://h/r", "--psk", "s", "--duration", "30", "--pretty", "--verbose"),
                List.of("get", "coaps://h/r", "--psk", "s", "--accept", "0", "-o", "out", "--ack-timeout", "100",
                        "--dtls-timeout=250", "--keylog", "keys.log", "--log-level", "debug"),
                List.of("put", "coap://h/r", "bench"),
                List.of("get", "--output=o.txt", "coap://h/r", "--log-level=TRACE"))) {
            String[] args = argv.toArray(new String[0]);
            RequestCommand read = RequestArguments.parse(args);
            assertNotNull(read, argv.toString());
            assertEquals(values(byPicocli(args)), values(read), argv.toString());
        }
    }

    @Test
    void whatPicocliMustSayIsLeftToIt() {
        for (List<String> argv : List.of(List.of("get"), List.of("get", "--help"), List.of("get", "-h", "coap://h/r"),
                List.of("get", "coap://h/r", "--prot", "1"), List.of("get", "coap://h/r", "--psk"),
                List.of("get", "coaps://h/r", "--psk", "a", "--cert", "c"), List.of("get", "coaps://h/r", "--psk", "a",
                        "--psk", "b"), List.of("put", "coap://h/r", "one", "two"), List.of("get", "coap://h/r", "--json=true"),
                List.of("get", "coap://h/r", "--accept", "x"), List.of("get", "coap://h/r", "--accept", "010"),
                List.of("get", "coap://h/r", "--accept", "-1"), List.of("get", "coap://h/r", "--accept", "9999999999"),
                List.of("get", "coap://h/r", "--duration", "5"), List.of("get", "--", "coap://h/r"),
                List.of("put", "coap://h/r", "-"), List.of("get", "coap://h/r", "-vo", "x"),
                List.of("get", "coaps://h/r", "--psk", "--json"), List.of("get", "coap://h/r", "-f", "a\0b"),
                List.of("bench"), List.of("serve", "."), List.of("--port", "0"), List.<String>of())) {
            assertNull(RequestArguments.parse(argv.toArray(new String[0])), argv.toString());
        }
    }

    /** An option added to a request but not to its reader would leave every use of it to picocli's slower reading. */
    @Test
    void everyOptionOfEveryRequestIsReadWithoutPicocli() throws Exception {
        for (String request : REQUESTS) {
            CommandLine line = CoapsCliCommand.commandLine(new String[] {request});
            // The name a request reports (in --json results, in usage errors) is the one picocli knows it by.
            Object command = line.getSubcommands().get(request).getCommandSpec().userObject();
            assertEquals(request, values(command).get("name"));
            for (OptionSpec option : line.getSubcommands().get(request).getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                List<String> argv = new ArrayList<>(List.of(request, "coaps://h/r", option.longestName()));
                if (option.arity().max() > 0) {
                    argv.add(option.type() == int.class || option.type() == Integer.class ? "1" : "x");
                }
                assertNotNull(RequestArguments.parse(argv.toArray(new String[0])), argv.toString());
            }
        }
    }
}
