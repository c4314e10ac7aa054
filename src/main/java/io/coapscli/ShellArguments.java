package io.coapscli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.CoapAgent;

/**
 * The shell's own options read without picocli, whose model of them took 170 ms of the shell's start: the
 * same names, both {@code --name value} and {@code --name=value}, the same defaults and the same checks
 * ({@link Options#of}). Anything else (a subcommand, help, an unknown or malformed option, a bad value) is
 * left to picocli, which says what is wrong as it always did. {@code ShellArgumentsTest} holds both
 * readings equal.
 */
final class ShellArguments {

    private static final Set<String> FLAGS = Set.of("--json", "--verbose", "--reconnect");
    private static final AgentSettings SETTINGS = AgentSettings.defaults();
    /** Options that take a value, and their defaults, from the same source as {@link CoapsCliCommand}'s. */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("--port", String.valueOf(AgentSettings.DEFAULT_PORT)),
            Map.entry("--coap-port", String.valueOf(CoapAgent.DEFAULT_PORT)),
            Map.entry("--dtls-timeout", String.valueOf(SETTINGS.dtlsRetransmissionTimeout().toMillis())),
            Map.entry("--ack-timeout", String.valueOf(SETTINGS.ackTimeout().toMillis())),
            Map.entry("--idle-timeout", String.valueOf(SETTINGS.idleTimeout().toSeconds())),
            Map.entry("--log-level", "error"));
    private static final Set<String> VALUED = Set.of("--port", "--coap-port", "--bind", "-c", "--command", "--script",
            "--dtls-timeout", "--ack-timeout", "--idle-timeout", "--cid", "--keylog", "--log-level", "--log-file");

    private ShellArguments() {
    }

    /** The options, or null when picocli should read these arguments. */
    static Options parse(String[] argv) {
        Map<String, String> values = new java.util.HashMap<>(DEFAULTS);
        Set<String> flags = new java.util.HashSet<>();
        List<Options.Source> script = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            OptionWord word = OptionWord.of(argv[i]);
            String name = word.name();
            String value = word.value();
            if (FLAGS.contains(name) && value == null) {
                flags.add(name);
                continue;
            }
            if (!VALUED.contains(name)) {
                return null;
            }
            if (value == null) {
                if (i + 1 >= argv.length) {
                    return null;
                }
                value = argv[++i];
            }
            switch (name) {
                case "-c", "--command" -> script.add(new Options.Source(value, null));
                case "--script" -> script.add(new Options.Source(null, Path.of(value)));
                default -> values.put(name, value);
            }
        }
        try {
            return Options.of(values.get("--port"), values.get("--bind"), values.get("--log-level"),
                    values.get("--log-file"), flags.contains("--json"), flags.contains("--verbose"), script,
                    values.get("--dtls-timeout"), values.get("--ack-timeout"), values.get("--idle-timeout"),
                    values.get("--cid"), values.containsKey("--keylog") ? Path.of(values.get("--keylog")) : null,
                    flags.contains("--reconnect"), values.get("--coap-port"));
        } catch (Options.UsageException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
