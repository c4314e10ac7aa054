package io.coapscli.oneshot;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.coapscli.CredentialOptions;
import io.coapscli.OptionWord;

/**
 * A one-shot request's command line read without picocli, whose model of the command and its subcommand took
 * about 130 ms of a one-shot's CPU (one core, JDK 17): the same names, {@code --name value} and
 * {@code --name=value}, the same conversions. Only a plain, well-formed command line is read here; anything
 * else (help, an unknown, repeated or clustered option, a missing value, a value that looks like an option,
 * a number in any form but plain digits, two kinds of credentials, {@code --}) is left to picocli, which says
 * what is wrong as it always did. {@code RequestArgumentsTest} holds both readings equal.
 */
public final class RequestArguments {

    private static final Set<String> FLAGS = Set.of("--insecure", "--non", "--json", "--pretty", "--verbose");
    private static final List<String> CREDENTIAL_KINDS = List.of("--psk", "--psk-hex", "--cert", "--rpk");

    private RequestArguments() {
    }

    /** The request, or null when picocli should read these arguments. */
    public static RequestCommand parse(String[] argv) {
        RequestCommand command = argv.length == 0 ? null : switch (argv[0]) {
            case "get" -> new RequestCommand.Get();
            case "put" -> new RequestCommand.Put();
            case "post" -> new RequestCommand.Post();
            case "delete" -> new RequestCommand.Delete();
            case "observe" -> new RequestCommand.Observe();
            default -> null;
        };
        if (command == null) {
            return null;
        }
        command.credentialDetails = new CredentialOptions.Details();
        CredentialOptions.Choice credentials = new CredentialOptions.Choice();
        Set<String> given = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("-")) {
                positionals.add(arg);
                continue;
            }
            OptionWord word = OptionWord.of(arg);
            String name = word.name();
            String value = word.value();
            if (!given.add(name)) {
                return null;
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    return null;
                }
                flag(command, name);
                continue;
            }
            if (value == null) {
                if (i + 1 >= argv.length || argv[i + 1].startsWith("-")) {
                    return null;
                }
                value = argv[++i];
            }
            try {
                if (credentials.take(name, value)) {
                    command.credentials = credentials;
                } else if (!command.credentialDetails.take(name, value) && !valued(command, name, value)) {
                    return null;
                }
            } catch (InvalidPathException e) {
                return null;
            }
        }
        if (positionals.isEmpty() || positionals.size() > 2 || kindsOfCredentials(given) > 1) {
            return null;
        }
        command.uri = positionals.get(0);
        command.payload = positionals.size() > 1 ? positionals.get(1) : null;
        return command;
    }

    private static void flag(RequestCommand command, String name) {
        switch (name) {
            case "--insecure" -> command.insecure = true;
            case "--non" -> command.nonConfirmable = true;
            case "--json" -> command.json = true;
            case "--pretty" -> command.pretty = true;
            default -> command.verbose = true;
        }
    }

    /** Takes an option with a value: false for an option this command has not, or a value left to picocli. */
    private static boolean valued(RequestCommand command, String name, String value) {
        switch (name) {
            case "-f", "--file" -> command.payloadFile = Path.of(value);
            case "-o", "--output" -> command.output = Path.of(value);
            case "--keylog" -> command.keyLog = Path.of(value);
            case "--log-level" -> command.logLevel = value;
            case "--accept", "--content-format", "--ack-timeout", "--dtls-timeout", "--duration" -> {
                return number(command, name, value);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Plain digits only: picocli reads other forms (signs, leading zeros, hex) its own way. */
    private static boolean number(RequestCommand command, String name, String text) {
        if (!text.matches("0|[1-9][0-9]{0,8}")) {
            return false;
        }
        int value = Integer.parseInt(text);
        switch (name) {
            case "--accept" -> command.accept = value;
            case "--content-format" -> command.contentFormat = value;
            case "--ack-timeout" -> command.ackTimeoutMs = value;
            case "--dtls-timeout" -> command.dtlsTimeoutMs = value;
            default -> {
                if (!(command instanceof RequestCommand.Observe observe)) {
                    return false;
                }
                observe.duration = value;
            }
        }
        return true;
    }

    /** picocli refuses two of the exclusive credential options. */
    private static long kindsOfCredentials(Set<String> given) {
        return CREDENTIAL_KINDS.stream().filter(given::contains).count();
    }
}
